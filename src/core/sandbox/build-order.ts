// The order in which to build many sandbox images so that layers they share are built once. Docker's build cache
// reuses a layer only once it exists: images started together that begin with the same step (the agent stage's
// gcc install, the JDK of the JVM languages) would each run it. So one image per shared first step is built
// first ("seeds"), and the others follow in parallel, finding that step cached.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The first step of a Dockerfile's final stage (the step after its last FROM), whitespace-normalised. */
export function firstStepOfFinalStage(dockerfile: string): string | undefined {
  const logical = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const lastFrom = logical.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
  const step = logical[lastFrom + 1];
  return step?.replace(/\s+/g, ' ');
}

/** The first step of the first stage: every sandbox image begins with the shared agent stage. */
function firstStep(dockerfile: string): string | undefined {
  const logical = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return logical[logical.findIndex((l) => /^FROM\s/i.test(l)) + 1]?.replace(/\s+/g, ' ');
}

export interface BuildPlan {
  /** Built first: one image for each step that several images share, plus one for the shared agent stage. */
  seeds: string[];
  /** Built afterwards, in parallel. */
  rest: string[];
}

/**
 * Splits `images` (folders under `imagesDir`) into seeds and the rest. Of each group that shares a step, the
 * seed is the group's first image in the given order; an image that shares nothing is not a seed.
 */
export function planBuilds(imagesDir: string, images: readonly string[]): BuildPlan {
  const text = new Map(images.map((i) => [i, existsSync(join(imagesDir, i, 'Dockerfile')) ? readFileSync(join(imagesDir, i, 'Dockerfile'), 'utf8') : '']));
  const groups = new Map<string, string[]>();
  const add = (key: string | undefined, image: string) => {
    if (key) groups.set(key, [...(groups.get(key) ?? []), image]);
  };
  for (const image of images) {
    const dockerfile = text.get(image) ?? '';
    const agent = firstStep(dockerfile);
    const own = firstStepOfFinalStage(dockerfile);
    // A final stage that starts with the agent stage's own step (the gcc install) reuses that layer.
    if (own !== agent) add(own, image);
    add(`agent:${agent}`, image);
  }
  const seeds: string[] = [];
  for (const members of groups.values()) {
    if (members.length < 2 || members.some((m) => seeds.includes(m))) continue;
    seeds.push(members[0]);
  }
  // A seed of one group may already cover another (the gcc image of the agent stage).
  return { seeds: images.filter((i) => seeds.includes(i)), rest: images.filter((i) => !seeds.includes(i)) };
}
