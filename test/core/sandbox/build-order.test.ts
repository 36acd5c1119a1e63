// The build plan for many images: one image per shared first step is built before the others, so Docker's cache
// has that layer when they start (the agent stage's gcc install, the JDK of the JVM languages).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LANGUAGES } from '../../../src/core/languages/registry';
import { findImagesDir } from '../../../src/core/sandbox/images';
import { firstStepOfFinalStage, planBuilds } from '../../../src/core/sandbox/build-order';

const AGENT = 'FROM debian:bookworm-slim AS agent\nRUN apt-get update \\\n && apt-get install -y gcc\nCOPY a /a\n';

describe('image build plan', () => {
  it('reads the first step of the final stage across continuation lines and comments', () => {
    assert.equal(firstStepOfFinalStage(`${AGENT}FROM debian:bookworm-slim\n# comment\nRUN apt-get update \\\n  && apt-get install -y jdk\nUSER x\n`), 'RUN apt-get update && apt-get install -y jdk');
  });

  it('seeds one image per shared step; the agent stage seed covers images that start with its gcc step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mplsandbox-plan-'));
    try {
      const write = (image: string, body: string) => {
        mkdirSync(join(dir, image));
        writeFileSync(join(dir, image, 'Dockerfile'), `${AGENT}FROM debian:bookworm-slim\n${body}`);
      };
      write('python', 'RUN apt-get install -y python3\n');
      write('java', 'RUN apt-get install -y jdk\n');
      write('scala', 'RUN apt-get install -y jdk\nRUN apt-get install -y scala\n');
      write('fortran', 'RUN apt-get update \\\n && apt-get install -y gcc\nRUN apt-get install -y gfortran\n');
      write('lua', 'RUN apt-get install -y lua\n');
      assert.deepEqual(planBuilds(dir, ['python', 'java', 'scala', 'fortran', 'lua']), { seeds: ['python', 'java'], rest: ['scala', 'fortran', 'lua'] });
      assert.deepEqual(planBuilds(dir, ['lua']), { seeds: [], rest: ['lua'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the repository's images: the JVM languages wait for java, every image for one agent stage", () => {
    const plan = planBuilds(findImagesDir(), LANGUAGES.map((l) => l.image));
    assert.ok(plan.seeds.includes('java'));
    assert.equal(plan.seeds.length, 2, JSON.stringify(plan.seeds));
    for (const jvm of ['scala', 'kotlin', 'clojure', 'groovy']) assert.ok(plan.rest.includes(jvm));
  });
});
