/**
 * What the sandbox checks in a problem: for every step the in-process checker left `unchecked`, the
 * equalities of its math (`\sum_{k=1}^{10} k = 55`, `\lim_{x\to0} \frac{\sin x}{x} = 1`, `A\mathbf{v} = …`)
 * translated to SymPy, and consecutive equations in one unknown (the next must keep a solution of the
 * previous). Steps that say an equality fails or that split into cases claim nothing to contradict.
 */
import { latexChains } from '../symbolic/latex-chains';
import { cleanLatex } from '../symbolic/latex-check';
import { withContinuation } from '../symbolic';
import { CASES, mathSpans, NOT_CLAIMED } from '../symbolic/step-text';
import type { MathProblem, SymbolicFinding } from '../types';
import { boxedContents, CONDITIONAL, definesNewName, factsFor, scalar, SUBSTITUTION, usableFact, type AnswerClaim, type Fact, type FollowsClaim } from './context-claims';
import { combined, latexToSympy, type SympyExpression, type TranslateOptions } from './latex-to-sympy';
import { relationChains, type IntervalClaim, type RelationChain, type RelationClaim, type UniversalClaim } from './relation-claims';

export interface EqualityClaim {
  kind: 'equal';
  step: number;
  text: string;
  lhs: SympyExpression;
  rhs: SympyExpression;
  /** Decimals of a written decimal result (`≈ 3.33` written `= 3.33`), for rounding. */
  decimals?: number;
  /** A contradiction may be reported: no free symbols, a literal result, a construct only the sandbox evaluates. */
  mayContradict: boolean;
  /** Numbers only (`i` and `e` aside): when SymPy finds it false, its step is not verified by its other claims. */
  numeric: boolean;
}

export interface EquationClaim {
  kind: 'equation';
  step: number;
  text: string;
  variable: string;
  previous: { lhs: SympyExpression; rhs: SympyExpression };
  next: { lhs: SympyExpression; rhs: SympyExpression };
  mayContradict: boolean;
}

export type SandboxClaim = EqualityClaim | EquationClaim | FollowsClaim | AnswerClaim | RelationClaim | IntervalClaim | UniversalClaim;

interface Equation {
  text: string;
  variable: string;
  lhs: SympyExpression;
  rhs: SympyExpression;
  step: number;
}

/** A written result: a number or a fraction of two numbers. */
const LITERAL = /^-?\s*(?:\d+(?:\.\d+)?|\.\d+|\\frac\s*\{\s*\d+\s*\}\s*\{\s*\d+\s*\})$/;
/** `a \equiv b \pmod{m}`: a congruence, checked as m | a − b. */
const CONGRUENCE = /([^=,;]+?)\\equiv([^=,;]+?)\(?\s*\\(?:pmod|mod)\s*\{?\s*([^{}()]+?)\s*\}?\s*\)?(?=$|[,.;]|\\quad|\\text)/g;
const CHAIN_OPTIONS = { keep: new Set(['bmod', 'mod']), environments: true };
const MAX_CLAIMS_PER_STEP = 12;
/** `Setting $y = 1,$ we get` / `We plug in $x = 4$:`: a step that leads into the next, whose values hold there. */
const LEAD_IN = /(?::|\b(?:we get|we have|gives|becomes|yields|we obtain))\s*[$,.]*\s*$/i;

/** The in-process checker's clean-up, keeping a matrix's row breaks (`\\\\` is not spacing there). */
export function clean(segment: string): string {
  return cleanLatex(expandElidedProducts(segment).replace(/\\\\/g, '\u0000')).replace(/\u0000/g, '\\\\');
}

/** `(x - 2)(x - 3) \dotsm (x - 7)`, `(6)(5) \dotsm (1)`: factors that step by one, written out when few. */
const ELIDED_PRODUCT = /\(([^()]*?)(-?\d+)([^()]*?)\)\s*\(\1(-?\d+)\3\)\s*\\(?:dotsm|cdots|dotsb|dots|ldots)\s*\(\1(-?\d+)\3\)/g;
const MAX_ELIDED_FACTORS = 40;

export function expandElidedProducts(latex: string): string {
  return latex.replace(ELIDED_PRODUCT, (whole: string, before: string, first: string, after: string, second: string, last: string) => {
    const [a, b, z] = [Number(first), Number(second), Number(last)];
    const step = b - a;
    if (Math.abs(step) !== 1 || (z - a) * step <= 0 || Math.abs(z - a) + 1 > MAX_ELIDED_FACTORS) return whole;
    const factors: string[] = [];
    for (let k = a; k !== z + step; k += step) factors.push(`(${before}${k}${after})`);
    return factors.join('');
  });
}

function numeric(e: SympyExpression): boolean {
  return e.symbols.every((s) => s === 'i' || s === 'e');
}

function isBareSymbol(e: SympyExpression): boolean {
  return /^S_\w+$/.test(e.code);
}

function equationOf(lhs: SympyExpression, rhs: SympyExpression, text: string, step: number): Equation | undefined {
  const symbols = [...new Set([...lhs.symbols, ...rhs.symbols])];
  if (symbols.length !== 1 || lhs.ambiguous || rhs.ambiguous) return undefined;
  return { text, variable: symbols[0], lhs, rhs, step };
}

interface Pair {
  text: string;
  lhs: SympyExpression;
  rhs: SympyExpression;
  cleaned: [string, string];
  chainLength: number;
  /** Which chain of the text the pair is a link of (0, 1, …). */
  chain: number;
}

const PLUS_MINUS = /\\(?:pm|mp)(?![a-zA-Z])/;

/** `\frac{5 \pm \sqrt{5}}{2}`: its two values, `+` first (`\mp` the other way round), as a tuple to compare in order. */
function translateSide(side: string, options: TranslateOptions): SympyExpression | undefined {
  if (!PLUS_MINUS.test(side)) return latexToSympy(side, { ...options, applications: true });
  const branch = (sign: 1 | -1) => latexToSympy(side.replace(/\\(pm|mp)(?![a-zA-Z])/g, (_, op: string) => ((op === 'pm') === (sign === 1) ? '+' : '-')), { ...options, applications: true });
  const [plus, minus] = [branch(1), branch(-1)];
  if (!plus || !minus || plus.tuple || minus.tuple) return undefined;
  return { ...combined(`Tuple(${plus.code}, ${minus.code})`, plus, minus), tuple: true, plusMinus: true };
}

/** The equalities of a piece of text, translated (pairs of adjacent sides of every chain), and its congruences. */
function pairsOf(text: string, display: boolean, options: TranslateOptions): { pairs: Pair[]; congruences: RegExpMatchArray[]; lastSides: SympyExpression[] } {
  const pairs: Pair[] = [];
  const congruences: RegExpMatchArray[] = [];
  const lastSides: SympyExpression[] = [];
  let chainIndex = -1;
  for (const span of mathSpans(text, display)) {
    const latex = text.slice(span.start, span.end);
    congruences.push(...latex.matchAll(CONGRUENCE));
    for (const chain of latexChains(latex, CHAIN_OPTIONS)) {
      chainIndex++;
      const cleaned = chain.map((s) => clean(latex.slice(s.start, s.end)));
      const sides = cleaned.map((c) => translateSide(c, options));
      const last = sides[sides.length - 1];
      if (last && !applies(last)) lastSides.push(last);
      for (let k = 0; k + 1 < chain.length; k++) {
        const [lhs, rhs] = [sides[k], sides[k + 1]];
        // `x = 2 \pm \sqrt{3}` names two values; only `±` on both sides is one equality per sign.
        if (!lhs || !rhs || lhs.plusMinus !== rhs.plusMinus) continue;
        const pairText = `${latex.slice(chain[k].start, chain[k].end)} = ${latex.slice(chain[k + 1].start, chain[k + 1].end)}`;
        pairs.push({ text: pairText, lhs, rhs, cleaned: [cleaned[k], cleaned[k + 1]], chainLength: chain.length, chain: chainIndex });
      }
    }
  }
  return { pairs, congruences, lastSides };
}

/** `\mathbf{a} = \begin{pmatrix} 0 \\ -1 \end{pmatrix}`: a named vector and its components. */
function vectorDefinition(pair: Pair): [string, SympyExpression] | undefined {
  const name = /^S_(\w+_bold)$/.exec(pair.lhs.code)?.[1];
  if (!name || !/^Matrix\(/.test(pair.rhs.code) || pair.rhs.symbols.some((sym) => sym.endsWith('_bold'))) return undefined;
  return [name, pair.rhs];
}

/** Named vectors replaced by the components the note gave them, when it gave every one of them. */
function withVectors(e: SympyExpression, vectors: ReadonlyMap<string, SympyExpression>): SympyExpression {
  const named = e.symbols.filter((sym) => sym.endsWith('_bold'));
  if (named.length === 0 || !named.every((sym) => vectors.has(sym))) return e;
  let code = e.code;
  const symbols = new Set(e.symbols.filter((sym) => !sym.endsWith('_bold')));
  const declared = new Set(e.declared.filter((sym) => !sym.endsWith('_bold')));
  for (const sym of named) {
    const value = vectors.get(sym)!;
    code = code.replace(new RegExp(`\\bS_${sym}\\b`, 'g'), `(${value.code})`);
    for (const x of value.symbols) symbols.add(x);
    for (const x of value.declared) declared.add(x);
  }
  return { ...e, code, symbols: [...symbols].sort(), declared: [...declared].sort(), advanced: true, ambiguous: e.ambiguous || named.some((sym) => vectors.get(sym)!.ambiguous) };
}

/**
 * `p(n) = \frac{n}{n^2 - 1}` for `n = 2, 3, …, 7` holds at those points only: read as a definition of p it
 * would verify claims about p(8). Such a formula is left out of the problem's facts.
 */
function pointwise(facts: Fact[]): Fact[] {
  const pinned = new Set(facts.filter((f) => /^S_\w+$/.test(f.lhs.code) && f.rhs.symbols.length === 0).map((f) => f.lhs.code));
  return facts.filter((f) => {
    const variable = /^\(?F_\w+\((S_\w+)\)\)?$/.exec(f.lhs.code)?.[1];
    return !variable || !pinned.has(variable);
  });
}

/** The unknowns a fact gives a meaning to: its symbols, and its functions as `f()`. */
function namesIn(fact: Fact): string[] {
  return [fact.lhs, fact.rhs].flatMap((e) => [...e.symbols, ...(e.functions ?? []).map((f) => `${f}()`)]);
}

function applies(e: SympyExpression): boolean {
  return (e.functions?.length ?? 0) > 0;
}

function boxedAnswers(text: string, display: boolean, options: TranslateOptions): { latex: string; answer: SympyExpression }[] {
  return mathSpans(text, display).flatMap((span) => boxedContents(text.slice(span.start, span.end)).flatMap((latex) => {
    const answer = latexToSympy(clean(latex), options);
    return answer ? [{ latex, answer }] : [];
  }));
}

const COMPLEX_WORDS = /\b(?:complex|imaginary)\b/i;
/** `3 + 2i`, `1 - i`, `2i`: a number with an imaginary part. */
const COMPLEX_NUMBER = /(?<![\\a-zA-Z_])\d+\s*i(?![a-zA-Z0-9])|[+-]\s*i(?=\s*[$,.;)\]}])|(?<![\\a-zA-Z_])i\^2/;
/** `a_i`, `\sum_{i = 1}`, `i = 1, 2`, `i \in S`: `i` names something. */
const I_AS_NAME = /_\{?\s*i\b|\bi\s*(?:=|\\in\b|\\le|\\ge|<|>)|\b(?:for|each|all)\s+\$?i\b/;

/** Whether `i` is the imaginary unit throughout a problem: it is about complex numbers and uses `i` for nothing else. */
export function imaginaryUnit(problem: MathProblem): boolean {
  const all = [problem.question, ...problem.steps.map((s) => s.text)].join('\n');
  return (COMPLEX_WORDS.test(problem.question) || COMPLEX_NUMBER.test(all)) && !I_AS_NAME.test(all);
}

/** The claims of the steps still `unchecked` after the in-process checker. */
export function sandboxClaims(problem: MathProblem, findings: readonly SymbolicFinding[]): SandboxClaim[] {
  const claims: SandboxClaim[] = [];
  let previousText: string | undefined;
  let lastEquation: Equation | undefined;
  const vectors = new Map<string, SympyExpression>();
  /** Records the step's vector definitions, and writes its other equalities with the vectors known so far. */
  const resolveVectors = (found: Pair[], definitions: boolean): Pair[] => {
    const defining = found.map((pair) => (definitions ? vectorDefinition(pair) : undefined));
    for (const d of defining) if (d) vectors.set(d[0], d[1]);
    return found.map((pair, k) => (defining[k] ? pair : { ...pair, lhs: withVectors(pair.lhs, vectors), rhs: withVectors(pair.rhs, vectors) }));
  };
  const options: TranslateOptions = { imaginary: imaginaryUnit(problem) };
  const questionFacts = pointwise(resolveVectors(pairsOf(problem.question, false, options).pairs, true).filter((p) => usableFact(p.lhs, p.rhs)).map(({ lhs, rhs }): Fact => ({ lhs, rhs })));
  const solutionFacts: Fact[] = [];
  /** The chain each solution fact is a link of: links of one chain are no evidence for each other. */
  const solutionFactChains: string[] = [];
  let previousLastChain: string | undefined;
  const known = new Set(questionFacts.flatMap(namesIn));
  let previousResults: { step: number; sides: SympyExpression[] } | undefined;
  let lastInterval: { step: number; chain: RelationChain } | undefined;
  let leadIn: Fact[] = [];
  for (const step of problem.steps) {
    const text = withContinuation(step.text, previousText);
    // `= -1` after `q(1) = 3p(1) - 1`: the row continues the chain of the step before.
    const chainOf = (chain: number) => (chain === 0 && text !== step.text && previousLastChain ? previousLastChain : `${step.index}:${chain}`);
    previousText = text;
    const unchecked = findings.find((f) => f.stepIndex === step.index)?.status === 'unchecked';
    const claimed = !NOT_CLAIMED.test(step.text);
    const cases = CASES.test(step.text);
    const isFact = claimed && !CONDITIONAL.test(step.text);
    const equations: Equation[] = [];
    const mine: SandboxClaim[] = [];
    const context: SandboxClaim[] = [];
    const display = step.display === true;
    const found = pairsOf(text, display, options);
    const { congruences, lastSides } = found;
    const pairs = resolveVectors(found.pairs, isFact);
    const substitutes = SUBSTITUTION.test(step.text);
    const substituted: Fact[] = [...leadIn];
    for (const m of congruences) {
      // `a \equiv b \equiv \boxed{c} \pmod{7}`: each adjacent pair is a congruence modulo 7.
      const parts = `${m[1]}\\equiv${m[2]}`.split('\\equiv').map((part) => part.trim());
      const modulus = latexToSympy(clean(m[3].trim()), options);
      if (!modulus || modulus.symbols.length > 0) continue;
      for (let k = 0; k + 1 < parts.length; k++) {
        const [a, b] = [parts[k], parts[k + 1]].map((part) => latexToSympy(clean(part), options));
        if (!a || !b) continue;
        const free = a.symbols.length + b.symbols.length > 0;
        const lhs = { ...a, code: `_congruent(${a.code}, ${b.code}, ${modulus.code})`, symbols: [...new Set([...a.symbols, ...b.symbols])], declared: [...new Set([...a.declared, ...b.declared])], advanced: true };
        const zero = { code: 'Integer(0)', symbols: [], declared: [], advanced: false, ambiguous: false };
        const text = parts.length === 2 ? m[0].trim() : `${parts[k]} \\equiv ${parts[k + 1]} \\pmod{${m[3].trim()}}`;
        mine.push({ kind: 'equal', step: step.index, text, lhs, rhs: zero, mayContradict: claimed && !free && !a.ambiguous && !b.ambiguous, numeric: numeric(lhs) });
      }
    }
    for (const { text: pairText, lhs, rhs, cleaned, chainLength, chain } of pairs) {
      const free = lhs.symbols.length + rhs.symbols.length > 0 || applies(lhs) || applies(rhs);
      if (free && chainLength === 2 && !applies(lhs) && !applies(rhs)) {
        const equation = equationOf(lhs, rhs, pairText, step.index);
        if (equation) equations.push(equation);
      }
      // `If λ = 8, then …`, `Setting y = 1`: the value is assumed, not claimed.
      const assumed = (substitutes || !isFact) && (isBareSymbol(lhs) || isBareSymbol(rhs));
      if (free && unchecked && claimed && !assumed && scalar(lhs) && scalar(rhs) && !definesNewName(lhs, known)) {
        // A wrong link would otherwise be the fact that verifies the next: `q(1) = 3p(1) - 1 = -1`.
        const outside = solutionFacts.filter((_, k) => solutionFactChains[k] !== chainOf(chain));
        context.push({ kind: 'follows', step: step.index, text: pairText, lhs, rhs, facts: factsFor(questionFacts, [...outside, ...substituted]), mayContradict: false });
      }
      if (free && isFact && usableFact(lhs, rhs) && substitutes && (isBareSymbol(lhs) || isBareSymbol(rhs))) substituted.push({ lhs, rhs });
      else if (free && isFact && usableFact(lhs, rhs)) {
        solutionFacts.push({ lhs, rhs });
        solutionFactChains.push(chainOf(chain));
        for (const name of namesIn({ lhs, rhs })) known.add(name);
      }
      // `f(3)`: f at 3 here, or f times 3? Only a system of equations may read it either way.
      if (applies(lhs) || applies(rhs)) continue;
      // `t = 2x` defines t; `x^3 + ax + 1 = 0` is an equation: neither is an equality to verify.
      const bare = isBareSymbol(lhs) || isBareSymbol(rhs);
      if (bare || (lhs.symbols.length === 0) !== (rhs.symbols.length === 0)) continue;
      if (LITERAL.test(cleaned[0]) && LITERAL.test(cleaned[1])) continue;
      const literal = LITERAL.test(cleaned[1]) ? cleaned[1] : LITERAL.test(cleaned[0]) ? cleaned[0] : undefined;
      const decimals = literal?.includes('.') ? literal.split('.')[1].length : undefined;
      const tupleLiteral = lhs.tuple === true && rhs.tuple === true && [lhs, rhs].some((side) => side.code.startsWith('Tuple(') && /^Tuple\((?:\(?-?Integer\(\d+\)\)?(?:, )?)+\)$/.test(side.code));
      const mayContradict = claimed && !free && !lhs.ambiguous && !rhs.ambiguous && (literal !== undefined || tupleLiteral) && (lhs.advanced || rhs.advanced);
      mine.push({ kind: 'equal', step: step.index, text: pairText, lhs, rhs, ...(decimals !== undefined ? { decimals } : {}), mayContradict, numeric: numeric(lhs) && numeric(rhs) });
    }
    if (unchecked && claimed && previousResults) {
      for (const { latex, answer } of boxedAnswers(step.text, display, options)) {
        context.push({ kind: 'answer', step: step.index, text: `\\boxed{${latex}}`, answer, results: previousResults.sides, resultStep: previousResults.step, mayContradict: false });
      }
    }
    if (lastSides.length > 0) previousResults = { step: step.index, sides: lastSides };
    const relations = relationChains(text, clean, display, options);
    for (const chain of relations) {
      if (chain.numeric) context.push({ kind: 'relation', step: step.index, text: chain.text, parts: chain.parts, mayContradict: false, numeric: true });
      else if (claimed) context.push({ kind: 'universal', step: step.index, text: chain.text, parts: chain.parts, mayContradict: false });
      if (!chain.variable) continue;
      const previous = lastInterval && lastInterval.chain.variable === chain.variable ? lastInterval.chain : undefined;
      const restated = previous?.text.replace(/\s/g, '') === chain.text.replace(/\s/g, '');
      if (previous && claimed && !restated) context.push({ kind: 'interval', step: step.index, text: `${previous.text} ⇒ ${chain.text}`, variable: chain.variable, previous: previous.parts, next: chain.parts, mayContradict: false });
      lastInterval = isFact || previous ? { step: step.index, chain } : undefined;
    }
    // Consecutive equations in one unknown, across steps as the in-process checker follows them.
    const chained = cases ? [] : equations;
    let last = chained.length > 0 ? lastEquation : undefined;
    for (const equation of chained) {
      // `x = 5` is a value (a case may follow), not an equation whose solutions the next one must keep.
      const assignment = last && (isBareSymbol(last.lhs) || isBareSymbol(last.rhs));
      if (last && !assignment && last.variable === equation.variable) {
        mine.push({
          kind: 'equation',
          step: step.index,
          text: `${last.text} ⇒ ${equation.text}`,
          variable: equation.variable,
          previous: { lhs: last.lhs, rhs: last.rhs },
          next: { lhs: equation.lhs, rhs: equation.rhs },
          // Across steps an equation may start a new case (`x = 0` after `9x^2 - 12x + 4 = 0`): evidence for, never against.
          mayContradict: false,
        });
      }
      last = equation;
    }
    lastEquation = chained.length > 0 ? last : undefined;
    if (unchecked) claims.push(...[...mine, ...context].slice(0, MAX_CLAIMS_PER_STEP));
    leadIn = LEAD_IN.test(step.text) ? substituted.slice(leadIn.length) : [];
    // An interval leads to the next one across prose (`To isolate $x$, we add 1, so`), not across other relations.
    if (lastInterval && lastInterval.step !== step.index && (pairs.length > 0 || relations.length > 0 || congruences.length > 0)) lastInterval = undefined;
    previousLastChain = pairs.length > 0 ? chainOf(pairs[pairs.length - 1].chain) : undefined;
  }
  return claims;
}
