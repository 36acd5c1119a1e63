// Starts and stops the real VS Code (code-server, built by scripts/provision-code-server.sh) that the
// extension-host tests, the UI tests and `npm start` use. Node built-ins only.
//
//   import { codeServerPaths, ensureCodeServer, installExtension, startCodeServer } from './code-server.mjs';
//   const cs = await startCodeServer({ workspace: 'examples', extensionsDir });
//   ... open cs.url ...
//   await cs.stop();
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(new URL('../..', import.meta.url).pathname);

/** Where scripts/provision-code-server.sh puts code-server and its Node: asked from the script itself
 *  (`--print`), which is the only place the versions and folders are defined. */
export function codeServerPaths() {
  const provisionScript = join(projectRoot, 'scripts', 'provision-code-server.sh');
  const r = spawnSync('bash', [provisionScript, '--print'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${provisionScript} --print failed: ${r.stderr}`);
  const vars = Object.fromEntries(r.stdout.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  return {
    version: vars.CODE_SERVER_VERSION,
    cacheRoot: vars.CACHE_ROOT,
    nodeBin: vars.NODE_BIN,
    home: vars.CODE_SERVER_HOME,
    entry: vars.CODE_SERVER_ENTRY,
    marker: vars.MARKER,
    provisionScript,
  };
}

/** Builds code-server unless it is there already (the script is idempotent and quick when it is). */
export function ensureCodeServer() {
  const p = codeServerPaths();
  if (existsSync(p.marker) && existsSync(p.entry) && existsSync(p.nodeBin)) return p;
  const r = spawnSync('bash', [p.provisionScript], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${p.provisionScript} failed (exit ${r.status ?? r.signal})`);
  return p;
}

/** Settings that keep the workbench quiet and deterministic (no walkthroughs, AI, update or trust prompts). */
export const DEFAULT_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'editor.accessibilitySupport': 'off',
};

function codeServerEnv(extra = {}) {
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', ...extra };
  // Never let a developer's own VS Code/code-server session leak into ours.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k.startsWith('CODE_SERVER_')) delete env[k];
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.PORT;
  return env;
}

/** Installs extensions (ids or .vsix paths) into extensionsDir with code-server's CLI. */
export function installExtension({ vsix, extensionsDir, userDataDir, timeoutMs = 120_000 }) {
  const p = ensureCodeServer();
  const ownUserData = !userDataDir;
  const ud = userDataDir ?? mkdtempSync(join(tmpdir(), 'mplsandbox-cs-install-'));
  mkdirSync(extensionsDir, { recursive: true });
  const items = Array.isArray(vsix) ? vsix : [vsix];
  const args = [p.entry, '--user-data-dir', ud, '--extensions-dir', extensionsDir];
  for (const v of items) args.push('--install-extension', v);
  args.push('--force');
  const r = spawnSync(p.nodeBin, args, { encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', env: codeServerEnv() });
  if (ownUserData) rmSync(ud, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** All live descendants of pid (from /proc), so that stop() also reaches processes that left the group. */
function descendants(pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch { /* process ended meanwhile */ }
  }
  const out = [];
  const todo = [pid];
  while (todo.length) for (const c of children.get(todo.pop()) ?? []) { out.push(c); todo.push(c); }
  return out;
}

function killQuietly(pid, signal, group = false) {
  try { process.kill(group ? -pid : pid, signal); } catch { /* gone already */ }
}

function alive(pid, group = false) {
  try { process.kill(group ? -pid : pid, 0); return true; } catch { return false; }
}

const running = new Set();
// Last-resort cleanup when the runner dies without calling stop() (an exception, process.exit).
process.on('exit', () => { for (const s of running) s.killNow(); });

/**
 * Starts code-server in its own process group (setsid) with fresh user-data, extensions and config
 * folders (unless given), bound to 127.0.0.1 on a free port (or `port`).
 * @param {object} o
 * @param {string} [o.workspace] folder to open (absolute or relative to the project root)
 * @param {string} [o.extensionDevelopmentPath] extension folder loaded as under development (needs smokeTestDriver)
 * @param {string} [o.extensionTestsPath] test module (exports run()) run in the extension host (needs smokeTestDriver)
 * @param {string} [o.extensionsDir] installed extensions (default: fresh temp dir)
 * @param {string} [o.userDataDir] default: fresh temp dir
 * @param {string|string[]} [o.install] .vsix files (or extension ids) installed into extensionsDir before the server starts
 * @param {boolean} [o.smokeTestDriver] pass --vscode-option enable-smoke-test-driver (payload honoured, codeAutomationExit called)
 * @param {number} [o.port] default 0 = any free port
 * @param {string} [o.host] default 127.0.0.1
 * @param {object} [o.userSettings] merged over DEFAULT_USER_SETTINGS
 * @param {string} [o.logFile] code-server's stdout/stderr go here too
 * @param {boolean} [o.echo] echo code-server's output to our stderr
 * @param {string[]} [o.extraArgs]
 * @param {Record<string, string>} [o.env] extra environment (code-server and the extension host it forks inherit it)
 * @param {boolean} [o.keepDirs] keep the temp folders after stop()
 * @param {number} [o.startTimeoutMs]
 * @returns {Promise<{url: string, baseUrl: string, port: number, host: string, pid: number, dirs: object, output: () => string,
 *   urlFor: (o?: object) => string, exited: Promise<{code: number|null, signal: string|null}>, stop: () => Promise<void>}>}
 */
export async function startCodeServer(o = {}) {
  const p = ensureCodeServer();
  const host = o.host ?? '127.0.0.1';
  const tmp = mkdtempSync(join(tmpdir(), 'mplsandbox-cs-'));
  const dirs = {
    tmp,
    userDataDir: o.userDataDir ?? join(tmp, 'user-data'),
    extensionsDir: o.extensionsDir ?? join(tmp, 'extensions'),
    config: join(tmp, 'config.yaml'),
  };
  mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
  mkdirSync(dirs.extensionsDir, { recursive: true });
  const settingsFile = join(dirs.userDataDir, 'User', 'settings.json');
  if (!existsSync(settingsFile) || o.userSettings) {
    writeFileSync(settingsFile, JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...o.userSettings }, null, 2));
  }
  if (o.install && (!Array.isArray(o.install) || o.install.length)) {
    try {
      installExtension({ vsix: o.install, extensionsDir: dirs.extensionsDir, userDataDir: dirs.userDataDir });
    } catch (e) {
      if (!o.keepDirs) rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }
  writeFileSync(dirs.config, `bind-addr: ${host}:${o.port ?? 0}\nauth: none\ncert: false\n`);

  const args = [
    p.entry,
    '--config', dirs.config,
    '--auth', 'none',
    '--bind-addr', `${host}:${o.port ?? 0}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '5',
    '--ignore-last-opened',
    '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', dirs.extensionsDir,
  ];
  if (o.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(...(o.extraArgs ?? []));

  // detached: true = setsid(), so the whole tree is one process group we can signal at once.
  const child = spawn(p.nodeBin, args, { cwd: projectRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv(o.env) });
  const pgid = child.pid;
  let output = '';
  const log = o.logFile ? createWriteStream(o.logFile) : null;
  const onData = (d) => {
    const s = d.toString();
    output += s;
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
    log?.write(s);
    if (o.echo) process.stderr.write(s);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  let stopped = false;

  const killNow = () => {
    if (stopped) return;
    const stragglers = descendants(pgid);
    killQuietly(pgid, 'SIGKILL', true);
    for (const pid of stragglers) killQuietly(pid, 'SIGKILL');
  };
  const handle = { killNow };
  running.add(handle);

  const stop = async () => {
    if (stopped) return;
    const stragglers = descendants(pgid);
    killQuietly(pgid, 'SIGTERM', true);
    for (const pid of stragglers) killQuietly(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (alive(pgid, true) || stragglers.some((pid) => alive(pid)))) {
      await new Promise((r) => setTimeout(r, 100));
    }
    killNow();
    stopped = true;
    running.delete(handle);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
    log?.end();
    if (!o.keepDirs) rmSync(tmp, { recursive: true, force: true });
  };

  // Ready when it prints its address and /healthz answers.
  const startTimeoutMs = o.startTimeoutMs ?? 60_000;
  const t0 = Date.now();
  let port;
  while (!port) {
    const m = output.match(/HTTP server listening on https?:\/\/[^\s/]*:(\d+)\//);
    if (m) port = Number(m[1]);
    else if (child.exitCode !== null || child.signalCode) {
      await stop();
      throw new Error(`code-server exited during startup (${child.exitCode ?? child.signalCode}):\n${output}`);
    } else if (Date.now() - t0 > startTimeoutMs) {
      await stop();
      throw new Error(`code-server did not start within ${startTimeoutMs} ms:\n${output}`);
    } else await new Promise((r) => setTimeout(r, 100));
  }
  const baseUrl = `http://${host}:${port}`;
  for (;;) {
    try {
      const r = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch { /* not yet */ }
    if (Date.now() - t0 > startTimeoutMs) {
      await stop();
      throw new Error(`code-server did not answer on ${baseUrl}/healthz within ${startTimeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const authority = `${host}:${port}`;
  /** The workbench URL for a folder, optionally with an extension under development and its tests. */
  const urlFor = ({ folder = o.workspace, extensionDevelopmentPath = o.extensionDevelopmentPath, extensionTestsPath = o.extensionTestsPath } = {}) => {
    const q = [];
    // VS Code's own form: ?folder=/abs/path (slashes readable), the payload URL-encoded JSON.
    if (folder) q.push(`folder=${encodeURIComponent(resolve(projectRoot, folder)).replace(/%2F/g, '/')}`);
    const payload = [];
    if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${resolve(projectRoot, extensionDevelopmentPath)}`]);
    if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${resolve(projectRoot, extensionTestsPath)}`]);
    if (payload.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    return `${baseUrl}/${q.length ? `?${q.join('&')}` : ''}`;
  };

  return { url: urlFor(), urlFor, version: codeServerPaths().version, baseUrl, port, host, pid: pgid, dirs, output: () => output, exited, stop };
}
