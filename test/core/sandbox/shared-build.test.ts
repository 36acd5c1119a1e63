// SharedBuild without Docker: callers of one build keep their own progress and cancellation, and the build
// itself stops only when every caller has left.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAbortError } from '../../../src/core/abort';
import type { BuildProgress } from '../../../src/core/sandbox/images';
import { SharedBuild } from '../../../src/core/sandbox/shared-build';

/** A build the test drives: it reports lines and finishes when told; `signal` is the one the build got. */
function controlledBuild() {
  let finish!: (tag: string) => void;
  let fail!: (err: Error) => void;
  let report!: (p: BuildProgress) => void;
  let signal!: AbortSignal;
  const build = new SharedBuild((s, onProgress) => {
    signal = s;
    report = onProgress;
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      fail = reject;
      s.addEventListener('abort', () => reject(new DOMException('build stopped', 'AbortError')));
    });
  });
  return { build, finish, fail: (e: Error) => fail(e), report: (line: string) => report({ image: 'probe', line }), signal: () => signal };
}

describe('SharedBuild', () => {
  it('one caller cancelling leaves the build running for the other, who gets its own progress', async () => {
    const b = controlledBuild();
    const linesA: string[] = [];
    const linesB: string[] = [];
    const cancelA = new AbortController();
    const a = b.build.join((p) => linesA.push(p.line), cancelA.signal);
    const bDone = b.build.join((p) => linesB.push(p.line));
    b.report('Step 1/2 : FROM debian');
    cancelA.abort();
    await assert.rejects(a, (err) => isAbortError(err));
    b.report('Step 2/2 : RUN true');
    b.finish('mplsandbox/probe:1');
    assert.equal(await bDone, 'mplsandbox/probe:1');
    assert.equal(b.signal().aborted, false, "the build was not cancelled by one caller's Cancel");
    assert.deepEqual(linesA, ['Step 1/2 : FROM debian'], 'nothing reaches a caller after it cancelled');
    assert.deepEqual(linesB, ['Step 1/2 : FROM debian', 'Step 2/2 : RUN true']);
  });

  it('the build stops when every caller has cancelled, and is marked abandoned', async () => {
    const b = controlledBuild();
    const one = new AbortController();
    const two = new AbortController();
    const first = b.build.join(undefined, one.signal);
    const second = b.build.join(undefined, two.signal);
    one.abort();
    await assert.rejects(first, (err) => isAbortError(err));
    assert.equal(b.signal().aborted, false);
    two.abort();
    await assert.rejects(second, (err) => isAbortError(err));
    assert.equal(b.signal().aborted, true);
    assert.equal(b.build.abandoned, true);
  });

  it('a caller joining midway sees the current step first; a failure reaches every caller', async () => {
    const b = controlledBuild();
    const early = b.build.join();
    b.report('Step 3/5 : RUN apt-get install');
    b.report('Get:1 http://deb.debian.org bookworm InRelease');
    const lines: string[] = [];
    const late = b.build.join((p) => lines.push(p.line));
    assert.deepEqual(lines, ['Step 3/5 : RUN apt-get install']);
    b.fail(new Error('no space left on device'));
    await assert.rejects(early, /no space left/);
    await assert.rejects(late, /no space left/);
  });

  it('an already aborted signal is refused at once without joining', async () => {
    const b = controlledBuild();
    const cancelled = new AbortController();
    cancelled.abort();
    await assert.rejects(b.build.join(undefined, cancelled.signal), (err) => isAbortError(err));
    assert.equal(b.signal().aborted, false);
    b.finish('t');
    assert.equal(await b.build.done, 't');
  });
});
