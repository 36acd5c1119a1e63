// Interactive runs against a real Docker engine: a prompt shows before the program waits for its answer,
// the answer reaches it, a compile error ends the session with diagnostics, and no container is left.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import { currentOwner, formatOwner, OWNER_LABEL } from '../../../src/core/sandbox/container-labels';
import { startInteractiveRun } from '../../../src/core/sandbox/interactive';
import { needs } from '../../support/tiers';

async function until(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('startInteractiveRun (real Docker)', { timeout: 300_000, ...needs('docker') }, () => {
  let engine: SandboxEngine;
  const owner = formatOwner(currentOwner());
  const interactiveContainers = async () =>
    (await engine.docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${owner}`, 'io.mplsandbox.purpose=interactive'] } })).length;

  before(async () => {
    engine = new SandboxEngine({ poolSize: 0 });
    await engine.ensureImage('python');
    await engine.ensureImage('c');
  });

  after(async () => {
    await engine.close();
  });

  it('shows a C prompt printed without a newline before reading, then echoes the answer', async () => {
    const code = '#include <stdio.h>\nint main(void){char name[64];printf("name? ");if(scanf("%63s",name)!=1)return 2;printf("hi %s\\n",name);return 0;}\n';
    let out = '';
    const session = await startInteractiveRun(engine, { code, language: 'c', onOutput: (_s, t) => (out += t) });
    assert.ok(session.process, session.failure);
    await until('the prompt', () => out.includes('name? '));
    assert.equal(out, 'name? ', 'nothing but the prompt before the answer');
    session.process.write('ada\n');
    const result = await session.process.result;
    assert.equal(result.exitCode, 0);
    assert.equal(out, 'name? hi ada\n');
    const start = Date.now();
    while ((await interactiveContainers()) > 0 && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await interactiveContainers(), 0, 'the container is removed when the program ends');
  });

  it('a compile error ends the session with its diagnostic and no process', async () => {
    const session = await startInteractiveRun(engine, { code: 'int main(void) {\n  return x;\n}\n', language: 'c', fileName: 'broken.c', onOutput: () => {} });
    assert.equal(session.process, undefined);
    assert.match(session.failure ?? '', /Compile error/i);
    assert.ok(session.diagnostics.some((d) => d.line === 2 && d.file === 'broken.c'), JSON.stringify(session.diagnostics));
  });

  it("a Rust compile error reads as rustc prints it, not as rustc's JSON", async () => {
    await engine.ensureImage('rust');
    const session = await startInteractiveRun(engine, { code: 'fn main() {\n    println!("{}", x);\n}\n', language: 'rust', fileName: 'broken.rs', onOutput: () => {} });
    assert.equal(session.process, undefined);
    const stderr = session.compile?.stderr ?? '';
    assert.match(stderr, /error\[E0425\]: cannot find value `x` in this scope/);
    assert.doesNotMatch(stderr, /^\s*\{"\$message_type"|"rendered":/m, 'no raw JSON');
    assert.ok(session.diagnostics.some((d) => d.line === 2 && d.code === 'E0425' && d.file === 'broken.rs'), JSON.stringify(session.diagnostics));
  });

  it('kill ends a program waiting for input', async () => {
    const session = await startInteractiveRun(engine, { code: 'input()\n', language: 'python', onOutput: () => {} });
    assert.ok(session.process);
    const t0 = Date.now();
    session.process.kill();
    await session.process.result.catch(() => undefined);
    // input() would wait for ever: any end at all is the kill's doing.
    assert.ok(Date.now() - t0 < 60_000, `kill took ${Date.now() - t0} ms`);
  });
});
