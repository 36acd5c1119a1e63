/**
 * Model-written check programs (code-based self-verification, as in the GPT-4 Code Interpreter "CSV" work):
 * for the steps no deterministic check could read, the critic model writes a short Python program per step
 * that prints `CHECK PASS` or `CHECK FAIL: why`; the programs run in the Python sandbox (its limits apply)
 * and their outcome is a finding with source `sandbox` that says it is a model-written check — evidence,
 * not proof.
 */
import type { ChatClient, ChatMessage } from '../../models/chat-client';
import type { MathProblem, SymbolicFinding } from '../types';
import { PYTHON_GUARD } from './python-guard';
import type { SandboxRunner } from './verifier';
import { z } from 'zod';

/** Steps at most that get a model-written check per problem (one request, one sandbox run). */
export const MAX_MODEL_CHECKS = 8;
const CHECK_SECONDS = 5;

export function buildCheckProgramMessages(problem: MathProblem, steps: readonly number[]): ChatMessage[] {
  const numbered = problem.steps.map((s) => `Step ${s.index + 1}: ${s.text}`).join('\n');
  return [
    {
      role: 'system',
      content:
        'You check the steps of math solutions by writing Python 3 programs (SymPy is available). A program recomputes what its step claims and prints exactly one line: CHECK PASS if the claim holds, or CHECK FAIL: <reason> if it does not. No input, no network, no files.',
    },
    {
      role: 'user',
      content: [
        `Problem: ${problem.question.trim()}`,
        '',
        'Solution:',
        numbered,
        '',
        `Write one program for each of steps ${steps.map((s) => s + 1).join(', ')}. Put each in its own \`\`\`python block whose first line is \`# step N\`.`,
      ].join('\n'),
    },
  ];
}

/** `# step N` fenced Python blocks of a reply, by 0-based step index (the first block for a step wins). */
export function parseCheckPrograms(reply: string, steps: readonly number[]): Map<number, string> {
  const programs = new Map<number, string>();
  for (const m of reply.matchAll(/```(?:python|py)?[ \t]*\n([\s\S]*?)```/g)) {
    const header = /^\s*#\s*step\s+(\d+)\b/i.exec(m[1]);
    if (!header) continue;
    const index = Number(header[1]) - 1;
    if (steps.includes(index) && !programs.has(index)) programs.set(index, m[1]);
  }
  return programs;
}

/** One program that runs each check in its own namespace, under its own alarm, and reports one JSON line each. */
export function checkRunner(programs: Map<number, string>): string {
  const entries = [...programs].map(([step, code]) => `(${step}, ${JSON.stringify(code)})`).join(',\n    ');
  return `${PYTHON_GUARD}
import contextlib, io

def _check(step, code):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, 'step_%d_check.py' % (step + 1), 'exec'), {'__name__': '__main__'})
    lines = [l.strip() for l in out.getvalue().splitlines() if l.strip().startswith('CHECK')]
    verdict = lines[-1] if lines else ''
    if verdict == 'CHECK PASS':
        return 'pass', ''
    if verdict.startswith('CHECK FAIL'):
        return 'fail', verdict[len('CHECK FAIL'):].lstrip(': ')
    return 'unclear', ''

CHECKS = [
    ${entries}
]
for step, code in CHECKS:
    _report('step', step, ${CHECK_SECONDS}, lambda: _check(step, code))
`;
}

const outcomeLine = z.object({ step: z.number().int().min(0), status: z.enum(['pass', 'fail', 'unclear', 'error', 'timeout']), detail: z.string().max(400) });

export interface ModelCheckSummary {
  asked: number;
  written: number;
  passed: number;
  failed: number;
}

/**
 * Asks `critic` for check programs for the steps still `unchecked`, runs them in the sandbox and returns the
 * findings with their outcomes. Model and sandbox failures leave the findings as they were.
 */
export async function modelWrittenChecks(
  critic: ChatClient,
  runner: SandboxRunner,
  problem: MathProblem,
  findings: SymbolicFinding[],
  signal?: AbortSignal,
): Promise<{ findings: SymbolicFinding[]; summary: ModelCheckSummary }> {
  const steps = findings.filter((f) => f.status === 'unchecked').map((f) => f.stepIndex).slice(0, MAX_MODEL_CHECKS);
  const summary: ModelCheckSummary = { asked: steps.length, written: 0, passed: 0, failed: 0 };
  if (steps.length === 0) return { findings, summary };
  const reply = await critic.complete({ messages: buildCheckProgramMessages(problem, steps), stream: false, signal });
  const programs = parseCheckPrograms(reply.text, steps);
  summary.written = programs.size;
  if (programs.size === 0) return { findings, summary };
  const run = await runner.runCode({ code: checkRunner(programs), language: 'python', fileName: 'model_checks.py', limits: { run: { timeoutMs: 15_000 + programs.size * CHECK_SECONDS * 1000 } }, signal });
  const outcomes = new Map<number, z.output<typeof outcomeLine>>();
  for (const line of (run.run?.stdout ?? '').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed = outcomeLine.safeParse(JSON.parse(line));
      if (parsed.success) outcomes.set(parsed.data.step, parsed.data);
    } catch {
      // a line cut by the output limit
    }
  }
  const model = reply.model || critic.config.model;
  const merged = findings.map((finding): SymbolicFinding => {
    const outcome = outcomes.get(finding.stepIndex);
    if (finding.status !== 'unchecked' || !outcome || (outcome.status !== 'pass' && outcome.status !== 'fail')) return finding;
    const pass = outcome.status === 'pass';
    if (pass) summary.passed++;
    else summary.failed++;
    return {
      stepIndex: finding.stepIndex,
      source: 'sandbox',
      status: pass ? 'verified' : 'contradicted',
      checkedBy: model,
      explanation: `a check program written by ${model} ${pass ? 'passed' : `failed${outcome.detail ? ` (${outcome.detail})` : ''}`} in the sandbox — model-written: evidence, not proof`,
    };
  });
  return { findings: merged, summary };
}
