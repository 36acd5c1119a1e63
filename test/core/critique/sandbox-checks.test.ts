// Sandbox-verified steps: the translation to SymPy and the merge of results (a scripted runner, no Docker),
// then the real thing in the Python image (Docker tier).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseNote } from '../../../src/core/critique/notes';
import { latexChains } from '../../../src/core/critique/symbolic/latex-chains';
import { critiqueProblem } from '../../../src/core/critique/pipeline';
import { latexToSympy } from '../../../src/core/critique/sandbox/latex-to-sympy';
import { expandElidedProducts, imaginaryUnit, sandboxClaims } from '../../../src/core/critique/sandbox/sympy-claims';
import { sympyProgram } from '../../../src/core/critique/sandbox/sympy-program';
import { verifyInSandbox, type SandboxRunner } from '../../../src/core/critique/sandbox/verifier';
import { checkProblem } from '../../../src/core/critique/symbolic';
import type { MathProblem } from '../../../src/core/critique/types';
import { SandboxEngine } from '../../../src/core/sandbox/engine';
import type { RunRequest, RunResult } from '../../../src/core/sandbox/types';
import { needs } from '../../support/tiers';

const NOTE = `## Problem

Compute a few things.

## Solution

1. The limit is $\\lim_{x \\to 0} \\frac{\\sin x}{x} = 1$.
2. The integral is $\\int_0^1 x^2 \\, dx = \\frac{1}{3}$.
3. The derivative is $\\frac{d}{dx} x^3 = 3x^2$.
4. Modulo 7, $2^{10} \\bmod 7 = 2$, and $100 \\equiv 2 \\pmod{7}$.
5. The dot product is $\\begin{pmatrix} 2 \\\\ 3 \\end{pmatrix} \\cdot \\begin{pmatrix} 4 \\\\ 5 \\end{pmatrix} = 23$.
6. The second integral is $\\int_0^2 x \\, dx = 3$.
7. Squaring $\\sqrt{x + 3} = x - 3$ gives the next equation.
8. So $x^2 - 7x + 6 = 0$.
`;

function problem(): MathProblem {
  return parseNote(NOTE).problems[0];
}

describe('LaTeX to SymPy', () => {
  it('translates sums, limits, integrals, derivatives, matrices, binomials and modular arithmetic', () => {
    assert.equal(latexToSympy('\\sum_{k=1}^{10} k^2')?.code, 'Sum((S_k ** Integer(2)), (S_k, Integer(1), Integer(10))).doit()');
    assert.deepEqual(latexToSympy('\\sum_{k=1}^{n} k')?.symbols, ['n'], 'the index of a sum is bound, not free');
    assert.equal(latexToSympy('\\lim_{x \\to 0} \\frac{\\sin x}{x}')?.code, 'limit((sin(S_x) / S_x), S_x, Integer(0))');
    assert.equal(latexToSympy('\\frac{d}{dx} x^3')?.code, 'diff((S_x ** Integer(3)), S_x)');
    assert.match(latexToSympy('\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}')?.code ?? '', /^Matrix\(\[\[Integer\(1\), Integer\(2\)\], \[Integer\(3\), Integer\(4\)\]\]\)$/);
    assert.equal(latexToSympy('2^{10} \\mod 7')?.code, 'Mod((Integer(2) ** Integer(10)), Integer(7))');
    assert.equal(latexToSympy('\\binom{5}{2}')?.advanced, true);
    assert.equal(latexToSympy('(1+2i)6')?.ambiguous, true);
  });

  it('refuses what reads two ways or is not math it knows', () => {
    assert.equal(latexToSympy('f(3)'), undefined, 'f at 3, or f times 3');
    assert.equal(latexToSympy('\\overline{AB}'), undefined);
    assert.equal(latexToSympy('1 \\pm \\sqrt{2}'), undefined);
  });
});

describe('elided products', () => {
  it('writes out factors that step by one, and leaves anything else as it is', () => {
    assert.equal(expandElidedProducts('(ax + b)(x - 2)(x - 3) \\dotsm (x - 7)'), '(ax + b)(x - 2)(x - 3)(x - 4)(x - 5)(x - 6)(x - 7)');
    assert.equal(expandElidedProducts('(6)(5) \\dotsm (1)'), '(6)(5)(4)(3)(2)(1)');
    assert.equal(expandElidedProducts('(x - 1)(x - 3) \\dotsm (x - 9)'), '(x - 1)(x - 3) \\dotsm (x - 9)', 'a step of two is not guessed');
    assert.equal(expandElidedProducts('(x - 1)(x - 2) \\dotsm (x - 100)'), '(x - 1)(x - 2) \\dotsm (x - 100)', 'too many factors to write out');
    assert.equal(expandElidedProducts('(x - 3)(x - 4) \\dotsm (x - 1)'), '(x - 3)(x - 4) \\dotsm (x - 1)', 'the last factor is not on the way');
  });
});

describe('sandbox claims', () => {
  it('are made only for steps the in-process checker left unchecked, and contradictions only where safe', () => {
    const p = problem();
    const findings = checkProblem(p);
    const claims = sandboxClaims(p, findings);
    const unchecked = new Set(findings.filter((f) => f.status === 'unchecked').map((f) => f.stepIndex));
    assert.ok(claims.length >= 7);
    assert.ok(claims.every((c) => unchecked.has(c.step)));
    assert.equal(claims.find((c) => c.text.includes('\\int_0^2'))?.mayContradict, true);
    assert.equal(claims.find((c) => c.text.includes('\\equiv'))?.mayContradict, true);
    assert.ok(claims.some((c) => c.text.includes('\\bmod 7 = 2')), 'a chain goes on through \\bmod');
    assert.ok(claims.some((c) => c.text.includes('\\begin{pmatrix} 2')), 'a matrix is one operand');
    // `i` may be a variable: such a claim can be verified, never contradicted.
    assert.equal(sandboxClaims(parseNote('## Problem\n\nFind z.\n\n## Solution\n\n1. So $(1+2i)(2-i) = 4+3i + w$.\n').problems[0], [{ stepIndex: 0, status: 'unchecked' }])[0]?.mayContradict ?? false, false);
    const equations = parseNote('## Problem\n\nFind x.\n\n## Solution\n\n1. Squaring $\\sqrt{x + 3} = x - 3$ gives\n2. $x^2 - 7x + 6 = 0$.\n').problems[0];
    const chained = sandboxClaims(equations, [{ stepIndex: 0, status: 'unchecked' }, { stepIndex: 1, status: 'unchecked' }]);
    assert.ok(chained.some((c) => c.kind === 'equation' && c.step === 1 && c.variable === 'x'), 'step 2 must keep a solution of step 1');
    // `\text{gcd}\,(378,315)` is one operand with two arguments, not prose, nor the number 378315.
    const euclid = parseNote(EUCLID_NOTE('63')).problems[0];
    const gcdClaims = sandboxClaims(euclid, euclid.steps.map((s) => ({ stepIndex: s.index, status: 'unchecked' as const })));
    assert.deepEqual(gcdClaims.map((c) => c.step), [0, 1, 2, 3]);
    assert.ok(gcdClaims.some((c) => c.kind === 'equal' && c.lhs.code === 'gcd((Integer(378) - Integer(315)), Integer(315))'), JSON.stringify(gcdClaims.map((c) => c.kind === 'equal' && c.lhs.code)));
    const program = sympyProgram(claims);
    assert.match(program, /^S_x = Symbol\("x"\)$/m);
    assert.match(program, /_report\('claim', index, 3, check\)/);
  });
});

/** Euclid's algorithm in display rows (MATH-500 writes it so), continuing row to row, ending in `answer`. */
const EUCLID_NOTE = (answer: string) =>
  `## Problem\n\nFind the gcd of 378 and 315.\n\n## Solution\n\nWe use the Euclidean algorithm:\n$$\n\\text{gcd}\\,(378,2961-378 \\cdot 7) =\\text{gcd}\\,(378,315) \\\\\n=\\text{gcd}\\,(378-315,315) \\\\\n=\\text{gcd}\\,(63,315) \\\\\n= ${answer}\n$$\n`;

const CONTEXT_NOTE = `## Problem

If $3x + 2y = 12$ and $x - y = -1$, find $(x, y)$ and $x^2 + y$; also $t$, where $t^2 - 5t + 6 = 0$.

## Solution

1. Subtracting, we get $5y = 15$.
2. Hence $y = 3$ and $x = 2$, so $(x, y) = (2, 3)$.
3. If $x = 7$, then $x + y = 10$.
4. We take the root $t = 3$.
5. We compute $x^2 + y = 7$.
6. So the answer is $\\boxed{7}$.
7. Again $3x + 2y = 12$.
`;

describe('context claims', () => {
  it('check equalities with unknowns against the problem and earlier steps, and boxed answers against the step before', () => {
    const p = parseNote(CONTEXT_NOTE).problems[0];
    const claims = sandboxClaims(p, p.steps.map((s) => ({ stepIndex: s.index, status: 'unchecked' as const })));
    const follows = claims.filter((c) => c.kind === 'follows');
    const of = (step: number) => follows.filter((c) => c.step === step);
    assert.ok(of(0).some((c) => c.text === '5y = 15' && c.facts.length === 3), 'the problem\'s three equations are its facts');
    assert.ok(of(1).some((c) => c.text === '(x, y) = (2, 3)' && c.facts.some((f) => f.lhs.code === 'S_y')), 'y = 3 of the same step is a fact for what follows it');
    assert.ok(of(3).some((c) => c.facts.every((f) => !/Integer\(7\)/.test(f.rhs.code))), 'x = 7 after "If" is no fact');
    assert.ok(claims.every((c) => c.kind !== 'follows' || !c.mayContradict), 'context claims only verify');
    assert.ok(!of(2).some((c) => c.text === 'x = 7'), 'a value assumed after "If" is not claimed');
    const answer = claims.find((c) => c.kind === 'answer');
    assert.equal(answer?.step, 5);
    assert.equal(answer?.kind === 'answer' && answer.resultStep, 4);
    const program = sympyProgram(claims);
    const factLines = program.split('\n').filter((l) => l.startsWith('_FACTS.append'));
    assert.equal(new Set(factLines).size, factLines.length, 'each fact once in the program');
    assert.match(program, /_run\(\d+, lambda: _follows\(/);
    assert.match(program, /_run\(\d+, lambda: _answer\(/);
  });

  it('read i as the imaginary unit only in a problem about complex numbers that uses i for nothing else', () => {
    const of = (question: string, solution: string) => imaginaryUnit(parseNote(`## Problem\n\n${question}\n\n## Solution\n\n1. ${solution}\n`).problems[0]);
    assert.equal(of('Evaluate $(1+2i)6-3i$.', '$(1+2i)6 - 3i = 6 + 9i$.'), true);
    assert.equal(of('Let $z$ be a complex number with $z^5 = 1$.', 'Then $z^5 - 1 = 0$.'), true);
    assert.equal(of('Find $\\sum_{i=1}^{10} i$.', 'The sum is $55$.'), false, 'an index');
    assert.equal(of('Let $z$ be a complex number and $a_i = z^i$.', 'So $a_2 = z^2$.'), false, 'a subscript');
    assert.equal(of('Solve $2x + 3 = 7$.', '$x = 2$.'), false);
  });

  it('leave out a formula the problem states at some points only (p(n) = … for n = 2, 3, …, 7) from its facts', () => {
    const p = parseNote('## Problem\n\nLet $p(x)$ be a polynomial with $p(n) = \\frac{n}{n^2 - 1}$ for $n = 2,$ 3, 4. Find $p(8)$.\n\n## Solution\n\n1. Let $q(x) = (x^2 - 1) p(x) - x$.\n2. So $p(8) = \\frac{q(8) + 8}{63}$.\n').problems[0];
    const claims = sandboxClaims(p, p.steps.map((s) => ({ stepIndex: s.index, status: 'unchecked' as const })));
    const facts = claims.flatMap((c) => (c.kind === 'follows' ? c.facts : []));
    assert.ok(facts.length > 0, 'the claim of step 2 is checked against facts');
    assert.ok(facts.every((f) => !/^\(?F_p\(S_n\)\)?$/.test(f.lhs.code)), 'p(n) = n/(n^2 - 1) holds at n = 2, 3, 4 only: no definition of p');
    assert.ok(facts.some((f) => /^\(?F_q\(S_x\)\)?$/.test(f.lhs.code)), 'q(x) = … of the solution is one');
  });

  it('leave out a new name being defined and vectors, and read tuples, degrees and \\text{gcd}', () => {
    const p = parseNote('## Problem\n\nFind x.\n\n## Solution\n\n1. Let $a = x - 3$.\n2. Then $\\mathbf{a} \\cdot \\mathbf{v} = 2$.\n').problems[0];
    assert.deepEqual(sandboxClaims(p, [{ stepIndex: 0, status: 'unchecked' }, { stepIndex: 1, status: 'unchecked' }]).filter((c) => c.kind === 'follows'), []);
    assert.equal(latexToSympy('(2^3 + 7, -29)')?.code, 'Tuple(((Integer(2) ** Integer(3)) + Integer(7)), (-Integer(29)))');
    assert.equal(latexToSympy('(2^3 + 7, -29)')?.tuple, true);
    assert.equal(latexToSympy('(3, 4]'), undefined, 'an interval is no tuple');
    assert.equal(latexToSympy('\\tan 120^\\circ')?.code, 'tan((Integer(120) * pi / 180))');
    assert.equal(latexToSympy('180^\\circ - 50^\\circ')?.ambiguous, true, 'degrees outside a function are a unit: no contradiction with radians');
    assert.equal(latexToSympy('\\text{gcd}(378, 2961)')?.code, 'gcd(Integer(378), Integer(2961))');
    // compute-engine reads \times as \cdot: between two vectors it is written as SymPy's cross product instead.
    assert.equal(latexToSympy('\\begin{pmatrix} 1 \\\\ 1 \\\\ 0 \\end{pmatrix} \\times \\begin{pmatrix} x \\\\ y \\\\ z \\end{pmatrix}')?.code, 'Matrix(Matrix([[Integer(1)], [Integer(1)], [Integer(0)]])).cross(Matrix(Matrix([[S_x], [S_y], [S_z]])))');
    assert.equal(latexToSympy('\\mathbf{a} \\times \\mathbf{b}')?.code, 'Matrix(S_a_bold).cross(Matrix(S_b_bold))');
    assert.equal(latexToSympy('2 \\times \\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix}'), undefined, 'a number times a vector, or a cross product of two vectors, and nothing else');
    assert.equal(latexToSympy('\\mathbf{a} \\times \\mathbf{b} \\times \\mathbf{c}'), undefined, 'which product first is not written');
    assert.equal(latexToSympy('123_4')?.code, 'Integer(27)');
  });
});

describe('inequality claims', () => {
  it('chain inequalities with their relations, and compare an inequality in one unknown with the one before it', () => {
    assert.deepEqual(latexChains('-2<x-1 \\le 4, y = 2', { relations: true }).map((c) => c.map((s) => s.relation ?? '')), [['', '<', '<='], ['', '=']]);
    assert.deepEqual(latexChains('-2<x-1<4').length, 0, 'without the option an inequality still ends a chain');
    const p = parseNote('## Problem\n\nSolve it.\n\n## Solution\n\n1. This means $-2<x-1<4$.\n2. So $-1<x<5$.\n3. And $\\sqrt{2} < 1.5$.\n4. If $y > 2$, then $y^2 > 4$.\n').problems[0];
    const claims = sandboxClaims(p, p.steps.map((s) => ({ stepIndex: s.index, status: 'unchecked' as const })));
    const interval = claims.find((c) => c.kind === 'interval');
    assert.equal(interval?.step, 1);
    assert.equal(interval?.kind === 'interval' && interval.variable, 'x');
    assert.ok(claims.some((c) => c.kind === 'relation' && c.step === 2));
    assert.ok(!claims.some((c) => c.kind === 'interval' && c.step === 3), 'y > 2 was only assumed: it is no fact to build on within its step');
    assert.match(sympyProgram(claims), /_interval\(\[\(lambda: .*, '<', lambda: /);
  });
});

function scripted(lines: (claims: number) => string[], overrides: Partial<RunResult> = {}): SandboxRunner & { requests: RunRequest[] } {
  const requests: RunRequest[] = [];
  return {
    requests,
    async runCode(req) {
      requests.push(req);
      const count = (req.code.match(/^_run\(/gm) ?? []).length;
      return {
        language: 'python', status: 'Accepted', compile: null, cases: [], correctRate: 1, reward: 1, diagnostics: [], limits: {} as RunResult['limits'],
        run: { exitCode: 0, signal: null, stdout: lines(count).join('\n'), stderr: '', durationMs: 1, peakMemoryBytes: 0, truncated: false } as unknown as RunResult['run'],
        ...overrides,
      };
    },
  };
}

describe('merging sandbox results', () => {
  it('a verified claim verifies its step; a differing claim contradicts only when it may', async () => {
    const p = problem();
    const claims = sandboxClaims(p, checkProblem(p));
    const runner = scripted((n) => Array.from({ length: n }, (_, i) => JSON.stringify({ claim: i, status: claims[i].text.includes('\\int_0^2') || claims[i].text.includes('\\frac{d}{dx}') ? 'differs' : 'verified', detail: 'x' })));
    const { findings, summary } = await verifyInSandbox(runner, p, checkProblem(p));
    assert.equal(runner.requests[0].language, 'python');
    assert.equal(findings[5].status, 'contradicted');
    assert.equal(findings[5].source, 'sandbox');
    assert.match(findings[5].explanation ?? '', /SymPy in the sandbox/);
    assert.equal(findings[0].status, 'verified');
    assert.equal(findings[0].source, 'sandbox');
    assert.equal(findings[2].status, 'unchecked', 'a differing identity with a free symbol contradicts nothing');
    assert.equal(summary.contradicted, 1);
    assert.equal(summary.skipped, undefined);
  });

  it('without Docker the findings stay and the summary says what was skipped; the critique still runs', async () => {
    const p = problem();
    const runner = scripted(() => [], { status: 'SandboxError', message: 'Docker is not running at unix:///var/run/docker.sock: start it', run: null });
    const result = await critiqueProblem(p, { models: {}, sandbox: runner });
    const round = result.rounds[0];
    assert.match(round.sandbox?.skipped ?? '', /sandbox checks skipped: Docker is not running/);
    assert.deepEqual(round.symbolic, checkProblem(p));
  });

  it('a Python image without SymPy is named, with what to do', async () => {
    const runner = scripted(() => [], { status: 'RuntimeError', run: { exitCode: 1, stdout: '', stderr: "ModuleNotFoundError: No module named 'sympy'" } as unknown as RunResult['run'] });
    const { summary } = await verifyInSandbox(runner, problem(), checkProblem(problem()));
    assert.match(summary.skipped ?? '', /SymPy is not installed in the Python image \(rebuild it/);
  });
});

describe('sandbox checks in the Python image (real Docker)', { timeout: 600_000, ...needs('docker') }, () => {
  let engine: SandboxEngine;
  before(async () => {
    engine = new SandboxEngine({ maxConcurrent: 1, poolSize: 0 });
    await engine.ensureImage('python');
  });
  after(() => engine.close());
  /** The findings of a note's first problem, its unchecked steps checked in the sandbox. */
  const sandboxFindings = async (note: string) => {
    const p = parseNote(note).problems[0];
    return (await verifyInSandbox(engine, p, checkProblem(p))).findings;
  };
  const statuses = (findings: { status: string; source?: string }[]) => findings.map((f) => `${f.status}:${f.source ?? 'symbolic'}`);

  it('verifies sums, limits, integrals, modular arithmetic, dot products, binomials, complex numbers and equations; contradicts a wrong sum', async () => {
    const p = problem();
    const before = checkProblem(p);
    const { findings, summary } = await verifyInSandbox(engine, p, before);
    assert.equal(summary.skipped, undefined, summary.skipped);
    const status = findings.map((f) => `${f.stepIndex + 1}:${f.status}:${f.source ?? 'symbolic'}`);
    for (const step of [1, 2, 3, 4, 5]) assert.ok(status.includes(`${step}:verified:sandbox`) || before[step - 1].status === 'verified', `step ${step}: ${status.join(' ')}`);
    assert.ok(status.includes('6:contradicted:sandbox'), status.join(' '));
    assert.match(findings[5].explanation ?? '', /int_0\^2 x \\, dx = 3 does not hold/);
  });

  it('verifies claims that follow from earlier equations, values that satisfy them and a boxed answer; the same checks fail on changed ones', async () => {
    const p = parseNote(CONTEXT_NOTE).problems[0];
    const before = checkProblem(p);
    const { findings, summary } = await verifyInSandbox(engine, p, before);
    assert.equal(summary.skipped, undefined, summary.skipped);
    const status = findings.map((f) => `${f.stepIndex + 1}:${f.status}:${f.source ?? 'symbolic'}`);
    for (const step of [1, 2, 4, 5, 6]) assert.ok(status.includes(`${step}:verified:sandbox`) || before[step - 1].status === 'verified', `step ${step}: ${status.join(' ')}`);
    assert.match(findings[3].explanation ?? '', /satisfies the earlier equations in t/);
    assert.match(findings[5].explanation ?? '', /the result of step 5/);
    assert.equal(findings[2].status, 'unchecked', 'x + y = 10 does not follow (x = 7 was only assumed)');
    assert.equal(findings[6].status, 'unchecked', 'restating the problem establishes nothing');
    const changed = parseNote(CONTEXT_NOTE.replace('x^2 + y = 7', 'x^2 + y = 8').replace('t = 3', 't = 4')).problems[0];
    const wrong = await verifyInSandbox(engine, changed, checkProblem(changed));
    for (const step of [4, 5, 6]) assert.notEqual(wrong.findings[step - 1].status, 'verified', `changed step ${step}: ${wrong.findings[step - 1].explanation}`);
  });

  it('verifies each link of a congruence chain and an interval reached across a step of prose; changed ones are not verified', async () => {
    const note = '## Problem\n\nSolve $|x - 1| < 3$; and if $n \\equiv 2 \\pmod{7}$, find $(n + 2)(n + 4)$ modulo 7.\n\n## Solution\n\n1. This means $-2<x-1<4$.\n2. To isolate $x$, we add 1, so\n3. we get $-1<x<5$.\n4. Then $(n + 2)(n + 4) \\equiv 4 \\cdot 6 \\equiv 24 \\equiv \\boxed{3} \\pmod{7}$.\n';
    const p = parseNote(note).problems[0];
    const { findings } = await verifyInSandbox(engine, p, checkProblem(p));
    assert.deepEqual(findings.map((f) => `${f.status}:${f.source ?? 'symbolic'}`), ['unchecked:symbolic', 'unchecked:symbolic', 'verified:sandbox', 'verified:sandbox']);
    const changed = parseNote(note.replace('-1<x<5', '-1<x<4').replace('\\boxed{3}', '\\boxed{4}')).problems[0];
    const wrong = await verifyInSandbox(engine, changed, checkProblem(changed));
    assert.deepEqual(wrong.findings.map((f) => f.status), ['unchecked', 'unchecked', 'unchecked', 'contradicted']);
    assert.match(wrong.findings[3].explanation ?? '', /24 \\equiv \\boxed\{4\} \\pmod\{7\}/);
  });

  it('verifies the rows of Euclid\'s algorithm written with \\text{gcd}; a wrong last row is contradicted', async () => {
    const p = parseNote(EUCLID_NOTE('63')).problems[0];
    const { findings } = await verifyInSandbox(engine, p, checkProblem(p));
    assert.deepEqual(findings.map((f) => `${f.status}:${f.source ?? 'symbolic'}`), ['verified:sandbox', 'verified:sandbox', 'verified:sandbox', 'verified:sandbox']);
    const wrong = parseNote(EUCLID_NOTE('21')).problems[0];
    const refuted = await verifyInSandbox(engine, wrong, checkProblem(wrong));
    assert.equal(refuted.findings[3].status, 'contradicted', refuted.findings[3].explanation);
  });

  it('verifies a functional equation at the points a step names (Setting y = 1, we get …); changed instances are not verified', async () => {
    const note = '## Problem\n\nThe function $f$ satisfies $f(x) + f(y) = f(x + y) - xy - 1$ for all real $x$ and $y$, and $f(1) = 1$. Find all integers $n$ such that $f(n) = n$.\n\n## Solution\n\n1. Setting $x = y = 0,$ we get\n2. $2f(0) = f(0) - 1$,\n3. Setting $y = 1,$ we get\n4. $f(x) + 1 = f(x + 1) - x - 1$,\n5. so $f(x + 1) - f(x) = x + 2$. Thus,\n6. $f(2) - f(1) = 1 + 2$,\n7. $f(3) - f(2) = 2 + 2$.\n8. Adding up, $f(n) = \\frac{n^2 + 3n - 2}{2}$.\n9. We want $f(n) = n$, or $\\frac{n^2 + 3n - 2}{2} = n$.\n';
    const findings = await sandboxFindings(note);
    const status = findings.map((f) => `${f.stepIndex + 1}:${f.status}:${f.source ?? 'symbolic'}`);
    for (const step of [2, 4, 6, 7, 9]) assert.ok(status.includes(`${step}:verified:sandbox`), `step ${step}: ${status.join(' ')}`);
    const wrong = await sandboxFindings(note.replace('2f(0) = f(0) - 1', '2f(0) = f(0) - 2').replace('f(x) + 1 =', 'f(x) + 2 =').replace('1 + 2$', '1 + 3$').replace('2 + 2$', '2 + 1$').replace('{2} = n$', '{2} = 2n$'));
    for (const step of [2, 4, 6, 7, 9]) assert.notEqual(wrong[step - 1].status, 'verified', `changed step ${step}: ${wrong[step - 1].explanation}`);
  });

  it('a wrong link of a chain is no evidence for the next link (q(1) = 3p(1) - 1 = -1 after q(x) = (x^2 - 1)p(x) - x)', async () => {
    const note = '## Problem\n\nLet $p(x)$ be a polynomial. Find $q(1)$.\n\n## Solution\n\n1. Let $q(x) = (x^2 - 1) p(x) - x$.\n2. We know that $q(1) = (1^2 - 1)p(1) - 1 = -1$.\n3. Also $q(2) = 3p(2) - 2$.\n';
    const findings = await sandboxFindings(note);
    for (const step of [2, 3]) assert.equal(findings[step - 1].status, 'verified', `step ${step}: ${findings.map((f) => f.status).join(' ')}`);
    const wrong = await sandboxFindings(note.replace('(1^2 - 1)p(1)', '(2^2 - 1)p(1)').replace('q(2) = 3p(2) - 2', 'q(2) = 4p(2) - 2'));
    assert.notEqual(wrong[1].status, 'verified', `(2^2 - 1)p(1) - 1 = -1 follows only from the wrong link: ${wrong[1].explanation}`);
    assert.notEqual(wrong[2].status, 'verified', wrong[2].explanation);
  });

  it('a second formula for a defined function is an equation about it (q(x) = (ax + b)(x - 2) after q(x) = (x^2 - 1)p(x) - x)', async () => {
    const note = '## Problem\n\nLet $p(x)$ be a polynomial. Find $a + b$.\n\n## Solution\n\n1. Let $q(x) = (x^2 - 1) p(x) - x$.\n2. Then $q(x) = (ax + b)(x - 2)(x - 3)$ for some $a$ and $b$.\n3. Setting $x = 1$ in the equation above, we get\n4. $q(1) = 2(a + b)$,\n5. so $a + b = -\\frac{1}{2}$.\n';
    const findings = await sandboxFindings(note);
    for (const step of [4, 5]) assert.equal(findings[step - 1].status, 'verified', `step ${step}: ${findings.map((f) => f.status).join(' ')}`);
    const wrong = await sandboxFindings(note.replace('q(1) = 2(a + b)', 'q(1) = 3(a + b)').replace('-\\frac{1}{2}', '-\\frac{1}{3}'));
    assert.notEqual(wrong[3].status, 'verified', wrong[3].explanation);
    assert.equal(wrong[4].status, 'verified', 'a + b = -1/3 does follow from the (wrong) step before: the earliest wrong step is the one to find');
  });

  it('reads an inverse in a congruence modulo its modulus (17^{-1} ≡ 44 mod 83); a wrong inverse is contradicted', async () => {
    const note = (inverse: string) => `## Problem\n\nFind $17^{-1} \\pmod{83}$.\n\n## Solution\n\n1. Therefore, $17^{-1}\\equiv \\boxed{${inverse}}\\pmod{83}$.\n2. Halving, $\\frac{1}{2} \\equiv 42 \\pmod{83}$.\n`;
    const findings = await sandboxFindings(note('44'));
    assert.deepEqual(statuses(findings), ['verified:sandbox', 'verified:sandbox']);
    const refuted = await sandboxFindings(note('45'));
    assert.equal(refuted[0].status, 'contradicted', refuted[0].explanation);
  });

  it('in a problem about complex numbers, i is the imaginary unit and e Euler\'s number; the problem\'s numbers are put in', async () => {
    const note = '## Problem\n\nLet $z = 2 + \\sqrt{2} - (3 + 3 \\sqrt{2})i$, and let $c = 2 - 3i$. Rotate $z$ about $c$ by $\\frac{\\pi}{4}$.\n\n## Solution\n\n1. The rotation is multiplication by $e^{\\pi i/4} = \\frac{1}{\\sqrt{2}} + \\frac{i}{\\sqrt{2}}$.\n2. So $w = \\left( \\frac{1}{\\sqrt{2}} + \\frac{i}{\\sqrt{2}} \\right) (z - c) + c = \\left( \\frac{1}{\\sqrt{2}} + \\frac{i}{\\sqrt{2}} \\right) (\\sqrt{2} - 3i \\sqrt{2}) + 2 - 3i$.\n';
    const findings = await sandboxFindings(note);
    assert.deepEqual(statuses(findings), ['verified:sandbox', 'verified:sandbox']);
    const wrong = await sandboxFindings(note.replace('e^{\\pi i/4}', 'e^{\\pi i/3}').replace('(\\sqrt{2} - 3i \\sqrt{2})', '(\\sqrt{2} - 2i \\sqrt{2})'));
    assert.deepEqual(wrong.map((f) => f.status), ['unchecked', 'unchecked']);
  });

  it('verifies both signs of a ± computation and a cross product; changed ones are not verified', async () => {
    const note = '## Problem\n\nSolve $x^2 - 5x + 5 = 0$ and find a normal vector.\n\n## Solution\n\n1. By the quadratic formula, $x = \\frac{5 \\pm \\sqrt{25 - 4 \\cdot 5}}{2} = \\frac{5 \\pm \\sqrt{5}}{2}$.\n2. The normal is $\\begin{pmatrix} -4 \\\\ 5 \\\\ 5 \\end{pmatrix} \\times \\begin{pmatrix} 4 \\\\ 6 \\\\ 2 \\end{pmatrix} = \\begin{pmatrix} -20 \\\\ 28 \\\\ -44 \\end{pmatrix}$.\n';
    const findings = await sandboxFindings(note);
    assert.deepEqual(statuses(findings), ['verified:sandbox', 'verified:sandbox']);
    for (const [from, to] of [['\\sqrt{5}}{2}$', '\\sqrt{6}}{2}$'], ['-44', '44'], ['\\sqrt{5}}{2}$', '\\sqrt{5}}{3}$']]) {
      const wrong = await sandboxFindings(note.replace(from, to));
      assert.ok(wrong.some((f) => f.status !== 'verified'), `${to}: ${wrong.map((f) => f.status).join(' ')}`);
    }
  });

  it('verifies an inequality that holds for every real value of its unknowns; one that does not is not verified', async () => {
    const note = '## Problem\n\nFind the minimum of $\\sqrt{x^2 + 400}$ over $x$, and show $ab \\le \\frac{a^2 + b^2}{2}$.\n\n## Solution\n\n1. By QM-AM, $\\sqrt{\\frac{x^2 + 400}{2}} \\ge \\frac{x + 20}{2}$.\n2. For real numbers, $(a - b)^2 \\ge 0$, which is equivalent to $ab \\le \\frac{a^2 + b^2}{2}$.\n';
    const findings = await sandboxFindings(note);
    assert.deepEqual(statuses(findings), ['verified:sandbox', 'verified:sandbox']);
    assert.match(findings[0].explanation ?? '', /holds for every real value/);
    const wrong = await sandboxFindings(note.replace('\\frac{x + 20}{2}$', '\\frac{x + 30}{2}$').replace('(a - b)^2 \\ge 0$, which is equivalent to $ab \\le \\frac{a^2 + b^2}{2}', '(a - b)^2 \\ge 1'));
    assert.deepEqual(wrong.map((f) => f.status), ['unchecked', 'unchecked']);
  });

  it('verifies solution intervals and numeric inequalities; a changed interval is not verified', async () => {
    const note = '## Problem\n\nSolve $|x - 1| < 3$.\n\n## Solution\n\n1. This means $-2<x-1<4$.\n2. So $-1<x<5$.\n3. Also $a^2 - 2a - 3 \\ge 0,$ which factors as $(a + 1)(a - 3) \\ge 0.$\n4. Note $\\sqrt{2} < 1.5$ and $\\pi > 3$.\n';
    const p = parseNote(note).problems[0];
    const { findings } = await verifyInSandbox(engine, p, checkProblem(p));
    assert.deepEqual(findings.map((f) => `${f.status}:${f.source ?? 'symbolic'}`), ['unchecked:symbolic', 'verified:sandbox', 'verified:sandbox', 'verified:sandbox']);
    assert.match(findings[1].explanation ?? '', /every solution of the inequality before solves it/);
    const changed = parseNote(note.replace('-1<x<5', '-1<x<4').replace('1.5', '1.4')).problems[0];
    const wrong = await verifyInSandbox(engine, changed, checkProblem(changed));
    assert.deepEqual(wrong.findings.map((f) => f.status), ['unchecked', 'unchecked', 'verified', 'unchecked']);
  });
});

describe('model-written check programs', () => {
  it('the critic writes one program per unchecked step; its outcome is a sandbox verdict marked as evidence', async () => {
    const { startModelServer, reply } = await import('../../support/model-server');
    const { ChatClient } = await import('../../../src/core/models/chat-client');
    const { parseCheckPrograms, checkRunner } = await import('../../../src/core/critique/sandbox/model-checks');
    const server = await startModelServer();
    try {
      const p = parseNote('## Problem\n\nA shop sells 3 boxes of 12 eggs.\n\n## Solution\n\n1. There are 36 eggs in all.\n2. Half of them is 20 eggs.\n').problems[0];
      server.enqueue(
        reply.text('Step 1:\n```python\n# step 1\nprint("CHECK PASS" if 3 * 12 == 36 else "CHECK FAIL: not 36")\n```\n```python\n# step 2\nprint("CHECK PASS" if 36 / 2 == 20 else "CHECK FAIL: half of 36 is 18")\n```\n'),
        reply.text('Step sentence: There are 36 eggs in all.\nCorrectness of the step: Correct\nExplanation: ok\n\nStep sentence: Half of them is 20 eggs.\nCorrectness of the step: Wrong\nExplanation: 18\n\nCorrectness of the final answer: Wrong\nExplanation: 18'),
      );
      assert.deepEqual([...parseCheckPrograms('```python\n# step 2\nprint(1)\n```\n```\n# step 9\nx\n```', [1]).keys()], [1]);
      assert.match(checkRunner(new Map([[0, 'print("CHECK PASS")']])), /redirect_stdout/);
      const runner = scripted(() => [JSON.stringify({ step: 0, status: 'pass', detail: '' }), JSON.stringify({ step: 1, status: 'fail', detail: 'half of 36 is 18' })]);
      const critic = new ChatClient({ baseURL: server.baseURL, model: 'checker-model', temperature: 0, maxTokens: 500, timeoutMs: 5000 });
      const result = await critiqueProblem(p, { models: {}, clients: { critic }, sandbox: runner, modelChecks: true, stream: false });
      const round = result.rounds[0];
      assert.deepEqual(round.sandbox?.modelChecks, { asked: 2, written: 2, passed: 1, failed: 1 });
      const sandboxVerdicts = round.critique.steps.filter((v) => v.source === 'sandbox');
      assert.deepEqual(sandboxVerdicts.map((v) => [v.stepIndex, v.verdict, v.model]), [[0, 'correct', 'checker-model'], [1, 'wrong', 'checker-model']]);
      assert.match(sandboxVerdicts[1].explanation ?? '', /written by checker-model failed \(half of 36 is 18\).*evidence, not proof/);
      assert.match(runner.requests.at(-1)?.code ?? '', /# step 2/);
      assert.match(server.chatRequests()[0].body?.messages?.at(-1)?.content ?? '', /one program for each of steps 1, 2/);
    } finally {
      await server.close();
    }
  });
});
