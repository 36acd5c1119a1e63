#!/usr/bin/env node
// `npm start`: the demo. Provisions (scripts/provision.sh), builds and packages the extension, starts
// code-server (VS Code 1.139 in the browser) with the .vsix installed and examples/ open, prints the
// URL, and runs until Ctrl-C, which stops code-server's whole process group.
//   npm start                                  http://127.0.0.1:8080
//   npm start -- --port 9000 [--host 0.0.0.0]  another port/interface (no authentication: mind the host)
//   npm start -- --skip-provision              skip scripts/provision.sh (Docker, images, code-server build)
//   npm start -- --folder <dir>                open another folder
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { projectRoot, startCodeServer } from '../test/vscode/code-server.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  if (!v || v.startsWith('--')) {
    console.error(`--${name} needs a value`);
    process.exit(2);
  }
  return v;
}
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log('usage: npm start -- [--port 8080] [--host 127.0.0.1] [--folder examples] [--skip-provision]');
  process.exit(0);
}
const port = Number(option('port', '8080'));
const host = option('host', '127.0.0.1');
const folder = resolve(projectRoot, option('folder', 'examples'));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`bad --port ${port}`);
  process.exit(2);
}
process.chdir(projectRoot);

// A failed provisioning step writes its one-line reason to `report`; it is repeated as the last line.
function step(name, cmd, args, { quiet = false, report } = {}) {
  console.log(`[start] ${name}`);
  const env = report ? { ...process.env, MPLSANDBOX_PROVISION_REPORT: report } : process.env;
  const r = spawnSync(cmd, args, quiet ? { encoding: 'utf8', env } : { stdio: 'inherit', env });
  if (r.status !== 0) {
    if (quiet) console.error(`${r.stdout}\n${r.stderr}`);
    console.error(report && existsSync(report) ? readFileSync(report, 'utf8').trim() : `[start] ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

if (!process.argv.includes('--skip-provision')) {
  const report = join(mkdtempSync(join(tmpdir(), 'mplsandbox-provision-')), 'report');
  process.env.MPLSANDBOX_DEMO_FOLDER = folder;
  step('provisioning (scripts/provision.sh)', 'bash', ['scripts/provision.sh'], { report });
}
step('building and packaging the extension (npm run package)', 'npm', ['run', '--silent', 'package'], { quiet: true });

console.log('[start] starting code-server with dist/mplsandbox.vsix installed');
let cs;
try {
  cs = await startCodeServer({ workspace: folder, install: resolve(projectRoot, 'dist/mplsandbox.vsix'), port, host });
} catch (e) {
  console.error(`[start] ${e.message}`);
  if (/EADDRINUSE/.test(e.message)) console.error(`[start] port ${port} is taken: npm start -- --port <another>`);
  process.exit(1);
}

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping code-server');
  await cs.stop();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
// `npm start` killed by its pid (not Ctrl-C, which signals the whole foreground group) exits without
// signalling us: stop when our parent or grandparent (npm) goes away, so code-server is never orphaned.
const parentPid = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
};
const ancestors = [process.ppid, parentPid(process.ppid)].filter((pid) => pid > 1);
setInterval(() => {
  for (const pid of ancestors) {
    try {
      process.kill(pid, 0);
    } catch {
      console.error(`[start] parent process ${pid} is gone`);
      shutdown(1);
    }
  }
}, 1000).unref();
process.on('SIGTERM', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));
cs.exited.then(({ code, signal }) => {
  if (stopping) return;
  console.error(`[start] code-server exited (${code ?? signal}); last output:\n${cs.output().split('\n').slice(-20).join('\n')}`);
  shutdown(1);
});

console.log(`
  MPLSandbox in VS Code (code-server ${cs.version ?? ''}, no authentication, serving ${folder})

  Open ${cs.url}

  Command palette (F1): "MPLSandbox: ..." commands. Ctrl-C here to stop.
`);
