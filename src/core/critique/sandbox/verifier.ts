/**
 * Sandbox-verified steps: the claims of every step the in-process checker left `unchecked` become one
 * SymPy program, run in the Python sandbox through the engine's normal run path (its queue, limits and
 * image), and the results come back as findings with source `sandbox`. Deterministic: no model is asked.
 * When the sandbox cannot run (no Docker, no image), the findings stay as they were and the summary says
 * what was skipped and why.
 */
import { z } from 'zod';
import type { RunRequest, RunResult } from '../../sandbox/types';
import type { MathProblem, SymbolicFinding } from '../types';
import type { ModelCheckSummary } from './model-checks';
import { sandboxClaims, type SandboxClaim } from './sympy-claims';
import { CLAIM_SECONDS, sympyProgram } from './sympy-program';

/** What the verifier needs of the engine: `SandboxEngine.runCode`, the one path every sandbox run takes. */
export interface SandboxRunner {
  runCode(req: RunRequest): Promise<RunResult>;
}

export interface SandboxSummary {
  /** Claims sent to the sandbox. */
  claims: number;
  /** Steps the sandbox verified or contradicted. */
  verified: number;
  contradicted: number;
  /** Why nothing (or not everything) was checked: no Docker, no image, the time limit. */
  skipped?: string;
  seconds: number;
  /** Check programs the critic wrote (with `modelChecks`). */
  modelChecks?: ModelCheckSummary;
}

const claimLine = z.object({ claim: z.number().int().min(0), status: z.enum(['verified', 'differs', 'undecided', 'timeout', 'error']), detail: z.string().max(400) });

/** Most claims per problem: a note with hundreds of formulas is checked in its first ones. */
const MAX_CLAIMS = 60;

function results(stdout: string, count: number): Map<number, z.output<typeof claimLine>> {
  const found = new Map<number, z.output<typeof claimLine>>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed = claimLine.safeParse(JSON.parse(line));
      if (parsed.success && parsed.data.claim < count) found.set(parsed.data.claim, parsed.data);
    } catch {
      // a line cut by the output limit
    }
  }
  return found;
}

function merge(findings: readonly SymbolicFinding[], claims: readonly SandboxClaim[], outcome: Map<number, z.output<typeof claimLine>>): { findings: SymbolicFinding[]; verified: number; contradicted: number } {
  let verified = 0;
  let contradicted = 0;
  const merged = findings.map((finding): SymbolicFinding => {
    if (finding.status !== 'unchecked') return finding;
    const mine = claims.map((claim, i) => ({ claim, result: outcome.get(i) })).filter((c) => c.claim.step === finding.stepIndex && c.result);
    const contradiction = mine.find((c) => c.result!.status === 'differs' && c.claim.mayContradict);
    if (contradiction) {
      contradicted++;
      return {
        stepIndex: finding.stepIndex,
        source: 'sandbox',
        status: 'contradicted',
        checked: contradiction.claim.text,
        explanation: `SymPy in the sandbox: ${contradiction.claim.text} does not hold (${contradiction.result!.detail})`,
      };
    }
    const ok = mine.filter((c) => c.result!.status === 'verified');
    // A computation of numbers SymPy finds false (one it may not report, `e^{\pi i} = -4`) leaves its step unverified.
    const refuted = mine.some((c) => c.result!.status === 'differs' && (c.claim.kind === 'equal' || c.claim.kind === 'relation') && c.claim.numeric);
    if (ok.length === 0 || refuted) return finding;
    verified++;
    const note = ok.map((c) => c.result!.detail).find(Boolean);
    return {
      stepIndex: finding.stepIndex,
      source: 'sandbox',
      status: 'verified',
      checked: [...new Set(ok.map((c) => c.claim.text))].join('; '),
      explanation: `verified by SymPy in the sandbox${note ? ` (${note})` : ''}`,
    };
  });
  return { findings: merged, verified, contradicted };
}

export interface SandboxVerification {
  findings: SymbolicFinding[];
  summary: SandboxSummary;
}

/** Checks the `unchecked` steps of `problem` in the sandbox. Never throws for sandbox trouble: it reports it. */
export async function verifyInSandbox(runner: SandboxRunner, problem: MathProblem, findings: SymbolicFinding[], signal?: AbortSignal): Promise<SandboxVerification> {
  const start = performance.now();
  const claims = sandboxClaims(problem, findings).slice(0, MAX_CLAIMS);
  const seconds = () => Number(((performance.now() - start) / 1000).toFixed(3));
  if (claims.length === 0) return { findings, summary: { claims: 0, verified: 0, contradicted: 0, seconds: seconds() } };
  const run = await runner.runCode({
    code: sympyProgram(claims),
    language: 'python',
    fileName: 'sympy_checks.py',
    // Importing SymPy takes seconds on a loaded machine; each claim has its own alarm inside.
    // A loaded machine slows SymPy well beyond each claim's own alarm: twice the claims' time on top.
    limits: { run: { timeoutMs: Math.min(120_000, 15_000 + claims.length * CLAIM_SECONDS * 2000), memoryBytes: 512 * 1024 * 1024 } },
    signal,
  });
  const stdout = run.run?.stdout ?? '';
  const outcome = results(stdout, claims.length);
  const merged = merge(findings, claims, outcome);
  let skipped: string | undefined;
  if (run.status === 'SandboxError') skipped = `sandbox checks skipped: ${run.message ?? 'the sandbox could not run'}`;
  else if (outcome.size === 0 && /No module named .?sympy/.test(run.run?.stderr ?? '')) skipped = 'sandbox checks skipped: SymPy is not installed in the Python image (rebuild it: mplsandbox images build python)';
  else if (outcome.size < claims.length) skipped = `${claims.length - outcome.size} of ${claims.length} sandbox checks did not finish (${run.status}${run.message ? `: ${run.message}` : ''})`;
  return {
    findings: merged.findings,
    summary: { claims: claims.length, verified: merged.verified, contradicted: merged.contradicted, ...(skipped ? { skipped } : {}), seconds: seconds() },
  };
}
