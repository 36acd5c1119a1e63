#!/usr/bin/env node
// `npm run bench`: every benchmark under bench/, one after another (each prints its own side-by-side
// ratios). `npm run bench -- latency langid` runs only those whose file name contains a given word.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

process.chdir(new URL('..', import.meta.url).pathname);
const only = process.argv.slice(2);
const scripts = readdirSync('bench')
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => only.length === 0 || only.some((w) => f.includes(w)))
  .sort();
let failed = 0;
for (const file of scripts) {
  console.log(`\n=== bench/${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`=== bench/${file} failed (exit ${r.status ?? r.signal})`);
  }
}
process.exit(failed ? 1 : 0);
