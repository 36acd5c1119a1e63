// Two concurrent builds of one image on a real Docker engine, one cancelled: the other still gets its image,
// and each caller sees only its own progress.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLanguage } from '../../../src/core/languages/registry';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import { imageExists, imageTag } from '../../../src/core/sandbox/images';
import { needs } from '../../support/tiers';

describe('image builds shared by concurrent callers (real Docker)', { timeout: 300_000, ...needs('docker') }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-images-'));
  const image = `probe-${randomUUID().slice(0, 8)}`;
  mkdirSync(join(dir, 'common'));
  writeFileSync(join(dir, 'common', 'README'), 'shared build context\n');
  mkdirSync(join(dir, image));
  // A unique RUN line: no layer cache can answer it, so the build takes its few seconds.
  writeFileSync(join(dir, image, 'Dockerfile'), `FROM debian:bookworm-slim\nRUN echo ${randomUUID()} && sleep 3\n`);
  const lang = { ...getLanguage('python'), image };
  const engine = new SandboxEngine({ imagesDir: dir, autoBuildImages: true });

  after(async () => {
    // The image this test built (whatever the outcome), and nothing else.
    await engine.docker.getImage(imageTag(dir, image)).remove({ force: true }).catch(() => undefined);
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one of two callers cancels: the other gets the image and only its own progress', async () => {
    const cancelFirst = new AbortController();
    const first: string[] = [];
    const second: string[] = [];
    let afterCancel = 0;
    const a = engine.ensureImage(lang, (p) => {
      if (cancelFirst.signal.aborted) afterCancel++;
      first.push(p.line);
      if (/^Step 2\//.test(p.line)) cancelFirst.abort();
    }, cancelFirst.signal);
    const b = engine.ensureImage(lang, (p) => second.push(p.line));
    await assert.rejects(a, { name: 'AbortError' }, 'the cancelled caller gets an AbortError');
    const tag = await b;
    assert.match(tag, new RegExp(`^mplsandbox/${image}:`));
    assert.equal(await imageExists(engine.docker, tag), true, 'the build went on for the caller that did not cancel');
    assert.equal(afterCancel, 0, 'no progress reaches a caller after it cancelled');
    assert.ok(second.some((l) => /^Successfully tagged/.test(l)), second.join('\n'));
    assert.ok(second.length > first.length, 'the remaining caller saw the rest of the build');
  });
});
