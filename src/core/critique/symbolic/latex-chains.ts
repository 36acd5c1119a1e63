/**
 * Equality chains inside LaTeX math, split at the top level of the formula (not inside braces or
 * parentheses). A chain ends at any other relation (`<`, `\le`, `\approx`, `\equiv`, `\implies`), at a
 * comma or `\quad`, and at `\text{…}` that is not a unit.
 */

export interface LatexSegment {
  start: number;
  end: number;
  /** With `relations`: how this segment relates to the one before it (`<`, `<=`, `>`, `>=`, `!=`, `=`). */
  relation?: Relation;
}

export type Relation = '=' | '<' | '<=' | '>' | '>=' | '!=';

const RELATION_COMMANDS: Record<string, Relation> = { le: '<=', leq: '<=', leqslant: '<=', ge: '>=', geq: '>=', geqslant: '>=', lt: '<', gt: '>', ne: '!=', neq: '!=' };

const CHAIN_BREAKING_COMMANDS = new Set([
  'quad', 'qquad', 'implies', 'Rightarrow', 'Longrightarrow', 'iff', 'Leftrightarrow', 'Longleftrightarrow', 'therefore', 'because',
  'le', 'leq', 'ge', 'geq', 'lt', 'gt', 'ne', 'neq', 'leqslant', 'geqslant', 'approx', 'sim', 'simeq', 'equiv', 'cong', 'propto',
  'pmod', 'bmod', 'mod', 'in', 'notin', 'subset', 'subseteq', 'supset', 'to', 'rightarrow', 'longrightarrow', 'mapsto', 'gets',
  'text', 'textrm', 'textup', 'textit', 'textbf', 'mbox', 'hbox', 'intertext', 'mathrm', 'and', 'or', 'mid', 'vert', 'colon', 'parallel', 'perp', 'sqcup', 'cup', 'cap', 'setminus', 'wedge', 'vee', 'neg', 'forall', 'exists',
]);
const UNIT_WORD = /^\s*(?:[a-zA-Z]{1,12}(?:\s+[a-zA-Z]{1,12})?|\^?\\circ)\s*$/;
const NOT_UNITS = new Set(['and', 'or', 'if', 'so', 'then', 'for', 'where', 'when', 'since', 'but', 'is', 'of', 'to', 'as', 'thus', 'hence', 'which', 'with', 'we', 'get', 'have', 'gives', 'yields']);

function matchingBrace(latex: string, open: number): number {
  let depth = 0;
  for (let i = open; i < latex.length; i++) {
    if (latex[i] === '\\') i++;
    else if (latex[i] === '{') depth++;
    else if (latex[i] === '}' && --depth === 0) return i + 1;
  }
  return latex.length;
}

/** Function names written as text (`\text{gcd}`, `\mathrm{lcm}`): the sandbox reads them. */
const FUNCTION_WORD = /^\s*(?:gcd|lcm)\s*$/;

/** `\text{ cm}` right after a number or a closing brace is a unit; anything else (`\text{ and }`) ends a chain. */
function isUnitText(latex: string, commandStart: number, argument: string): boolean {
  if (!UNIT_WORD.test(argument)) return false;
  if (argument.trim().split(/\s+/).some((w) => NOT_UNITS.has(w.toLowerCase()))) return false;
  return /[\d}]\s*$/.test(latex.slice(0, commandStart));
}

export interface ChainOptions {
  /** Commands that do not end a chain here (the sandbox reads `2^{10} \bmod 7`). */
  keep?: ReadonlySet<string>;
  /** `\begin{pmatrix}…\end{pmatrix}` is one operand: its `&` and `\\` are inside it. */
  environments?: boolean;
  /** Inequalities (`<`, `\le`, `\ne`, …) continue a chain like `=` does, and each segment says its relation. */
  relations?: boolean;
}

/** Chains of segments (offsets into `latex`) joined by top-level `=`. */
export function latexChains(latex: string, options: ChainOptions = {}): LatexSegment[][] {
  const chains: LatexSegment[][] = [];
  let chain: LatexSegment[] = [];
  let segmentStart = 0;
  let depth = 0;
  let relation: Relation | undefined;
  const cut = (at: number, next: number, continues: boolean, nextRelation?: Relation) => {
    chain.push({ start: segmentStart, end: at, ...(options.relations && relation ? { relation } : {}) });
    relation = continues ? (nextRelation ?? '=') : undefined;
    if (!continues) {
      if (chain.length > 1) chains.push(chain);
      chain = [];
    }
    segmentStart = next;
  };
  for (let i = 0; i < latex.length; i++) {
    const c = latex[i];
    if (c === '\\') {
      const name = /^\\([a-zA-Z]+|[\s\S]?)/.exec(latex.slice(i))![1];
      const end = i + 1 + name.length;
      if (options.environments && (name === 'begin' || name === 'end')) {
        depth += name === 'begin' ? 1 : -1;
        const argument = /^\s*\{[^}]*\}/.exec(latex.slice(end));
        i = end + (argument ? argument[0].length : 0) - 1;
        continue;
      }
      if (name === 'left' || name === 'right') {
        depth += name === 'left' ? 1 : -1;
        i = end; // skip the delimiter that follows
        continue;
      }
      if (depth === 0 && options.relations && RELATION_COMMANDS[name]) {
        cut(i, end, true, RELATION_COMMANDS[name]);
        i = end - 1;
        continue;
      }
      if (depth === 0 && (name === '\\' || (CHAIN_BREAKING_COMMANDS.has(name) && !options.keep?.has(name)))) {
        let next = end;
        const argumentOpen = /^\s*\{/.exec(latex.slice(end));
        if (argumentOpen && /^(?:text|textrm|textup|textit|textbf|mbox|hbox|intertext|mathrm|pmod)$/.test(name)) {
          const close = matchingBrace(latex, end + argumentOpen[0].length - 1);
          const argument = latex.slice(end + argumentOpen[0].length, close - 1);
          // `\text{gcd}\,(378, 315)` names a function: part of the operand, not prose between formulas.
          if (isUnitText(latex, i, argument) || FUNCTION_WORD.test(argument)) {
            i = close - 1;
            continue;
          }
          next = close;
        }
        cut(i, next, false);
        i = next - 1;
        continue;
      }
      i = end - 1;
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      if (c === '=') cut(i, i + 1, true);
      else if (options.relations && (c === '<' || c === '>')) {
        const orEqual = latex[i + 1] === '=';
        cut(i, i + (orEqual ? 2 : 1), true, `${c}${orEqual ? '=' : ''}` as Relation);
        if (orEqual) i++;
      } else if (c === '<' || c === '>' || c === ';' || c === ':') cut(i, i + 1, false);
      else if (c === ',' && !/^\d,(?:\\!)?\d{3}(?!\d)/.test(latex.slice(i - 1, i + 7))) cut(i, i + 1, false);
    }
  }
  cut(latex.length, latex.length, false);
  return chains.map((segments) => segments.map((s) => trim(latex, s)));
}

function trim(latex: string, s: LatexSegment): LatexSegment {
  let { start, end } = s;
  while (start < end && /\s/.test(latex[start])) start++;
  while (end > start && /[\s.,]/.test(latex[end - 1])) end--;
  return { ...s, start, end };
}
