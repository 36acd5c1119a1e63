// The cost of a test-framework mode (SandboxFusion's pytest, jest, junit, go_test) over a plain run of the same
// language, through SandboxEngine.runCode with the warm pool, median of N:
//   plain   a program of the language that prints one line (its check or compile, then the program)
//   mode    a test file of two passing tests in the mode: the check or compile, the framework, its report
//           read back from the container and parsed
// Round-robin per language, so a noisy machine slows both alike. Also printed: the median time of the framework's
// own process (the run phase) and of the compile or check phase.
//   node --import tsx bench/test-modes.ts [--runs 5] [--modes pytest,jest]
import { SandboxEngine } from '../src/core/sandbox/engine';
import { getTestMode, TEST_MODE_IDS, type TestModeId } from '../src/core/languages/test-modes';
import { MODE_PROGRAMS } from '../test/support/test-mode-programs';

const args = process.argv.slice(2);
const flag = (name: string) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const runs = Number(flag('--runs') ?? 5);
const modes = (flag('--modes')?.split(',') ?? TEST_MODE_IDS) as TestModeId[];

const PLAIN: Record<TestModeId, string> = {
  pytest: 'print(1)\n',
  jest: 'console.log(1);\n',
  junit: 'public class Main { public static void main(String[] a) { System.out.println(1); } }\n',
  go_test: 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(1) }\n',
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const engine = new SandboxEngine({ poolSize: 1, maxConcurrent: 1 });
  const rows: string[] = [];
  try {
    for (const id of modes) {
      const mode = getTestMode(id);
      await engine.ensureImage(mode.language, (p) => process.stderr.write(`  build: ${p.line}\n`));
      const plain = () => engine.runCode({ code: PLAIN[id], language: mode.language });
      const test = () => engine.runCode({ code: MODE_PROGRAMS[id].passing, language: mode.language, testMode: id });
      for (const fn of [plain, test]) await fn(); // warm-up: the pool's first container, page cache
      const samples = { plain: [] as number[], mode: [] as number[], framework: [] as number[], compile: [] as number[] };
      for (let i = 0; i < runs; i++) {
        for (const [name, fn] of [['plain', plain], ['mode', test]] as const) {
          // Let the pool refill in the background before the next run, as it would between a user's runs.
          await new Promise((r) => setTimeout(r, 300));
          const t = performance.now();
          const r = await fn();
          samples[name].push(performance.now() - t);
          if (r.status !== 'Accepted') throw new Error(`${id} ${name}: ${r.status} ${r.message ?? ''}`);
          if (name === 'mode') {
            samples.framework.push(r.run?.durationMs ?? 0);
            samples.compile.push(r.compile?.durationMs ?? 0);
          }
        }
      }
      const p = median(samples.plain);
      const m = median(samples.mode);
      rows.push(
        `${id.padEnd(8)} plain ${p.toFixed(0).padStart(6)} ms   mode ${m.toFixed(0).padStart(6)} ms   mode/plain ${(m / p).toFixed(2)}×   ` +
          `(in the mode: compile/check ${median(samples.compile).toFixed(0)} ms, ${mode.framework} ${median(samples.framework).toFixed(0)} ms)`,
      );
      console.log(rows.at(-1));
    }
  } finally {
    await engine.close();
  }
  console.log(`\nmedian of ${runs} runs each, warm pool (poolSize 1, one run at a time)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
