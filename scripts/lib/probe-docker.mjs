#!/usr/bin/env node
// Does a Docker engine answer? Prints "ok" or a one-line reason, exit 0 either way (exit 1 only when
// dockerode itself cannot be loaded, i.e. before `npm ci`). Used by scripts/test.mjs and
// test/support/tiers.ts to decide whether the Docker tier can run. Honours DOCKER_HOST like the engine.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../package.json', import.meta.url));
let Docker;
try {
  Docker = require('dockerode');
} catch {
  console.log('the npm packages are not installed (npm ci)');
  process.exit(1);
}
const where = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
const timer = setTimeout(() => {
  console.log(`no Docker engine answers at ${where} within 5 s`);
  process.exit(0);
}, 5000);
try {
  await new Docker().ping();
  console.log('ok');
} catch (e) {
  console.log(`no Docker engine answers at ${where} (${e.code ?? e.message})`);
}
clearTimeout(timer);
