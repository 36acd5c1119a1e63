// The provisioning scripts' shell libraries: the environment nested installs get under `npm start` /
// `npm test`, and the one-line report of a failed step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const lib = (name: string) => join(root, 'scripts', 'lib', name);

function envOf(output: string): Map<string, string> {
  return new Map(output.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

test('under `npm run -s`, clean_npm_env leaves nested installs none of the outer npm configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-npm-env-'));
  const script = `bash -c '. ${lib('clean-npm-env.sh')}; echo BEFORE; env; clean_npm_env; echo AFTER; env'`;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'env-probe', version: '1.0.0', scripts: { probe: script } }));
  // --registry stands for a user's own network setting, which a nested install needs too.
  const r = spawnSync('npm', ['run', '-s', 'probe', '--registry=http://127.0.0.1:9/'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [before, after] = r.stdout.split('\nAFTER\n').map((part) => envOf(part.replace(/^BEFORE\n/, '')));
  // What npm exported, as seen before cleaning (the bug: code-server read Node's major from the user agent).
  assert.match(before.get('npm_config_user_agent') ?? '', /node\/v\d+/);
  assert.equal(before.get('npm_config_loglevel'), 'silent');
  assert.match(before.get('PATH') ?? '', /node_modules\/\.bin/);
  const network = /^npm_config_(registry|proxy|https_proxy|noproxy|cafile|ca|strict_ssl)$/;
  const leftover = [...after.keys()].filter((k) => /^npm_/.test(k) && !network.test(k));
  assert.deepEqual(leftover, [], 'no npm_* variable but the network settings reaches a nested install');
  assert.ok(before.has('npm_config_local_prefix') && before.has('npm_lifecycle_event') && before.has('npm_config_node_gyp'));
  assert.equal(after.get('npm_config_registry'), 'http://127.0.0.1:9/', "the user's registry setting is kept");
  assert.equal(after.has('NODE'), false);
  assert.equal(after.has('INIT_CWD'), false);
  const path = (after.get('PATH') ?? '').split(':');
  assert.deepEqual(path.filter((p) => /node_modules\/\.bin$|node-gyp-bin$/.test(p)), []);
  assert.ok(path.length > 0 && path.every((p) => p !== ''));
  assert.equal(after.get('HOME'), before.get('HOME'), 'everything else is untouched');
});

test('a failed step ends with one line: which step, why, what to do; the report file gets the same line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-steps-'));
  const report = join(dir, 'report');
  const script = `set -euo pipefail; . ${lib('steps.sh')}
run_step "first step" "unused" echo fine
run_step "second step" "install the thing and run again" bash -c 'echo progress; echo "E: no such package" >&2; exit 3'
echo unreachable`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, MPLSANDBOX_PROVISION_REPORT: report } });
  assert.equal(r.status, 3);
  assert.doesNotMatch(r.stdout, /unreachable/);
  assert.match(r.stdout, /\[provision\] first step\nfine\n\[provision\] first step: done in \d+ s\n\[provision\] second step\nprogress\n/);
  assert.doesNotMatch(r.stdout, /second step: done/);
  const last = r.stderr.trim().split('\n').at(-1)!;
  assert.match(last, /^\[provision\] FAILED: second step: exit 3, last output: "E: no such package"\. install the thing and run again \(full output: .+\)$/);
  assert.equal(readFileSync(report, 'utf8').trim(), last);
});

test("a failed npm step's line gives npm's reason, not the path of npm's log", () => {
  const script = `set -euo pipefail; . ${lib('steps.sh')}
run_step "npm packages (npm ci)" "check the registry" bash -c 'printf "%s\\n" "npm error code SELF_SIGNED_CERT_IN_CHAIN" "npm error errno SELF_SIGNED_CERT_IN_CHAIN" "npm error request to https://registry.npmjs.org/zod failed, reason: self-signed certificate in certificate chain" "npm error A complete log of this run can be found in: /root/.npm/_logs/x-debug-0.log" >&2; exit 1'`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  const last = r.stderr.trim().split('\n').at(-1)!;
  assert.match(last, /last output: "npm error request to https:\/\/registry\.npmjs\.org\/zod failed, reason: self-signed certificate in certificate chain"/);
  assert.doesNotMatch(last, /complete log/);
});
