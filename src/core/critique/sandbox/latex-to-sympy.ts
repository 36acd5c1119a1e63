/**
 * LaTeX → SymPy source, deterministically: compute-engine parses the formula (without evaluating it) into
 * MathJSON, and each MathJSON head maps to one SymPy construct. Anything this table does not know — or
 * that reads two ways (`f(3)`: a function or a product?) — makes the whole formula untranslatable, so
 * that the sandbox never checks a formula it misread.
 */
import { getComputeEngine } from '../symbolic/engine';

/** A translated formula: SymPy source and what it needs from the sandbox. */
export interface SympyExpression {
  code: string;
  /** Free symbols (not the index of a sum or the variable of a limit or definite integral). */
  symbols: string[];
  /** Every symbol the code uses, declared before use. */
  declared: string[];
  /** Uses a construct the in-process checker does not evaluate (sums, limits, integrals, matrices, …). */
  advanced: boolean;
  /** Uses `i` or `e`, which solutions also use as plain variable names, or degrees outside a trigonometric function. */
  ambiguous: boolean;
  /** A tuple `(15, -29)`: compared component by component. */
  tuple?: boolean;
  /** The two values of a `±` formula as a tuple (`+` first). */
  plusMinus?: boolean;
  /** Functions applied (`f(2)`, with `applications`): unknown numbers, or what the note defines them as. */
  functions?: string[];
}

export interface TranslateOptions {
  /** Read `f(3)` as f applied to 3 (for systems of equations, where an application is one more unknown). */
  applications?: boolean;
  /** `i` is the imaginary unit (a problem about complex numbers that uses no `i` as an index or a name). */
  imaginary?: boolean;
}

type Json = number | string | { num: string } | { sym: string } | { str: string } | Json[];

class Untranslatable extends Error {}

const FUNCTIONS: Record<string, string> = {
  Sin: 'sin', Cos: 'cos', Tan: 'tan', Cot: 'cot', Sec: 'sec', Csc: 'csc', Arcsin: 'asin', Arccos: 'acos', Arctan: 'atan',
  Sinh: 'sinh', Cosh: 'cosh', Tanh: 'tanh', Ln: 'log', Exp: 'exp', Abs: 'Abs', Floor: 'floor', Ceil: 'ceiling', Sqrt: 'sqrt',
  Factorial: 'factorial', Binomial: 'binomial', GCD: 'gcd', LCM: 'lcm', Determinant: 'det', Max: 'Max', Min: 'Min',
};
const ADVANCED = new Set(['Sum', 'Product', 'Limit', 'Integrate', 'D', 'Matrix', 'Mod', 'Binomial', 'Factorial', 'GCD', 'LCM', 'Determinant', 'Norm', 'Floor', 'Ceil']);
const CONSTANTS: Record<string, string> = { Pi: 'pi', ExponentialE: 'E', ImaginaryUnit: 'I', PositiveInfinity: 'oo', NegativeInfinity: '-oo', ComplexInfinity: 'zoo' };
/** Letters that name functions in competition solutions: `f(3)` is f at 3, not f times 3. */
const FUNCTION_NAMES = new Set(['f', 'g', 'h', 'p', 'q', 'r', 'P', 'Q', 'F', 'G', 'N', 'S', 'T']);
const SYMBOL = /^[a-zA-Z](?:_[a-zA-Z0-9]+)?$|^(?:alpha|beta|gamma|delta|theta|lambda|mu|phi|omega|sigma|tau|rho)$/;

interface State {
  symbols: Set<string>;
  declared: Set<string>;
  advanced: boolean;
  ambiguous: boolean;
  /** Inside the argument of sin, cos, …: `30^\circ` is π/6 there, and the number 30 (a unit) elsewhere. */
  trigonometric?: boolean;
  applications?: boolean;
  imaginary?: boolean;
  functions: Set<string>;
}

const TRIGONOMETRIC = new Set(['Sin', 'Cos', 'Tan', 'Cot', 'Sec', 'Csc']);

function pySymbol(name: string): string {
  return `S_${name.replace(/[^a-zA-Z0-9]/g, '_')}`;
}

function translate(node: Json, st: State): string {
  if (typeof node === 'number') {
    if (!Number.isFinite(node)) throw new Untranslatable('not a finite number');
    return Number.isInteger(node) ? `Integer(${node})` : `Rational('${node}')`;
  }
  if (typeof node === 'string') return symbol(node, st);
  if (!Array.isArray(node)) {
    if ('num' in node) {
      if (!/^-?\d+(?:\.\d+)?$/.test(node.num)) throw new Untranslatable(`number ${node.num}`);
      return node.num.includes('.') ? `Rational('${node.num}')` : `Integer(${node.num})`;
    }
    if ('sym' in node) return symbol(node.sym, st);
    throw new Untranslatable('string');
  }
  const [head, ...args] = node;
  if (typeof head !== 'string') throw new Untranslatable('applied expression');
  const t = (n: Json) => translate(n, st);
  if (ADVANCED.has(head)) st.advanced = true;
  switch (head) {
    case 'Add':
      return `(${args.map(t).join(' + ')})`;
    case 'Subtract':
      return args.length === 1 ? `(-${t(args[0])})` : `(${t(args[0])} - ${t(args[1])})`;
    case 'Negate':
      return `(-${t(args[0])})`;
    case 'Multiply':
      return product(args, st, true);
    case 'InvisibleOperator':
      return product(args, st, false);
    case 'Divide':
    case 'Rational':
      return `(${t(args[0])} / ${t(args[1])})`;
    case 'Power':
      return `(${t(args[0])} ** ${t(args[1])})`;
    case 'Root':
      return `root(${t(args[0])}, ${t(args[1])})`;
    case 'Delimiter': {
      const inner = args[0];
      if (Array.isArray(inner) && inner[0] === 'Sequence') throw new Untranslatable('tuple');
      return `(${t(inner)})`;
    }
    case 'Degrees':
      if (st.trigonometric) return `(${t(args[0])} * pi / 180)`;
      // `180^\circ - 50^\circ = 130`: an angle in degrees is its number; it may not contradict `\frac{\pi}{6}`.
      st.ambiguous = true;
      return t(args[0]);
    case 'BaseForm':
      // compute-engine has read `123_4` as the number 27 already.
      if (typeof args[0] !== 'number' && !(typeof args[0] === 'object' && !Array.isArray(args[0]) && 'num' in args[0])) throw new Untranslatable('base');
      st.advanced = true;
      return t(args[0]);
    case 'Sum':
    case 'Product': {
      if (args.length !== 2) throw new Untranslatable('sum without one index');
      return binding(st, boundName(args[1]), (inner) => `${head}(${translate(args[0], inner)}, ${bound(args[1], inner)}).doit()`);
    }
    case 'Limit': {
      const fn = args[0];
      if (!Array.isArray(fn) || fn[0] !== 'Function' || typeof fn[2] !== 'string') throw new Untranslatable('limit');
      const variable = fn[2];
      const point = t(args[1]);
      return binding(st, variable, (inner) => `limit(${translate(fn[1], inner)}, ${symbol(variable, inner)}, ${point})`);
    }
    case 'Integrate': {
      const spec = args[1];
      if (typeof spec === 'string') return `integrate(${t(args[0])}, ${symbol(spec, st)})`;
      return binding(st, boundName(spec), (inner) => `integrate(${translate(args[0], inner)}, ${bound(spec, inner)})`);
    }
    case 'D':
      if (typeof args[1] !== 'string') throw new Untranslatable('derivative');
      return `diff(${t(args[0])}, ${symbol(args[1], st)})`;
    case 'Matrix': {
      const rows = args[0];
      if (!Array.isArray(rows) || rows[0] !== 'List') throw new Untranslatable('matrix');
      const cells = rows.slice(1).map((row) => {
        if (!Array.isArray(row) || row[0] !== 'List') throw new Untranslatable('matrix row');
        return `[${row.slice(1).map(t).join(', ')}]`;
      });
      return `Matrix([${cells.join(', ')}])`;
    }
    case 'Norm':
      return `_norm(${t(args[0])})`;
    case 'Mod':
      return `Mod(${t(args[0])}, ${t(args[1])})`;
    case 'Lb':
      return `log(${t(args[0])}, 2)`;
    case 'Lg':
      return `log(${t(args[0])}, 10)`;
    case 'Log':
      return args.length === 2 ? `log(${t(args[0])}, ${t(args[1])})` : `log(${t(args[0])}, 10)`;
    default: {
      // compute-engine reads `f(2)` as `["f", 2]` once it has seen f used as a function.
      if (FUNCTION_NAMES.has(head) && st.applications && args.length > 0) {
        st.functions.add(head);
        return `${pyFunction(head)}(${args.map(t).join(', ')})`;
      }
      const fn = FUNCTIONS[head];
      if (!fn || args.length === 0) throw new Untranslatable(head);
      if (TRIGONOMETRIC.has(head) && !st.trigonometric) {
        st.trigonometric = true;
        try {
          return `${fn}(${args.map(t).join(', ')})`;
        } finally {
          st.trigonometric = false;
        }
      }
      return `${fn}(${args.map(t).join(', ')})`;
    }
  }
}

function symbol(name: string, st: State): string {
  if (CONSTANTS[name]) return CONSTANTS[name];
  if (!SYMBOL.test(name)) throw new Untranslatable(`symbol ${name}`);
  // About complex numbers, `e^{\pi i/4}` is Euler's number too.
  if (name === 'i' && st.imaginary) return 'I';
  if (name === 'e' && st.imaginary) return 'E';
  if (name === 'i' || name === 'e') st.ambiguous = true;
  st.symbols.add(name);
  st.declared.add(name);
  return pySymbol(name);
}

function boundName(node: Json): string {
  if (!Array.isArray(node) || node[0] !== 'Tuple' || typeof node[1] !== 'string') throw new Untranslatable('bounds');
  return node[1];
}

/** Translates a construct that binds `variable` (a sum's index): it is declared, but not free outside. */
function binding(st: State, variable: string, build: (inner: State) => string): string {
  const inner: State = { symbols: new Set(), declared: st.declared, advanced: st.advanced, ambiguous: st.ambiguous, applications: st.applications, imaginary: st.imaginary, functions: st.functions };
  const code = build(inner);
  inner.symbols.delete(variable);
  for (const s of inner.symbols) st.symbols.add(s);
  st.advanced = true;
  st.ambiguous ||= inner.ambiguous;
  return code;
}

/** `["Tuple", k, 1, 10]` → `(k, 1, 10)`. */
function bound(node: Json, st: State): string {
  if (!Array.isArray(node) || node[0] !== 'Tuple' || typeof node[1] !== 'string' || node.length !== 4) throw new Untranslatable('bounds');
  return `(${symbol(node[1], st)}, ${translate(node[2], st)}, ${translate(node[3], st)})`;
}

/**
 * A product; `\cdot` between two column vectors is their dot product. `f(3)` reads two ways and is refused,
 * unless applications were asked for.
 */
function product(args: Json[], st: State, explicit: boolean): string {
  const factors: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const [a, next] = [args[k], args[k + 1]];
    if (!explicit && typeof a === 'string' && FUNCTION_NAMES.has(a) && Array.isArray(next) && next[0] === 'Delimiter') {
      if (!st.applications) throw new Untranslatable('function call');
      const inner = next[1];
      const values = Array.isArray(inner) && inner[0] === 'Sequence' ? inner.slice(1) : [inner];
      st.functions.add(a);
      factors.push(`${pyFunction(a)}(${values.map((v) => translate(v, st)).join(', ')})`);
      k++;
      continue;
    }
    factors.push(translate(a, st));
  }
  return explicit ? `_mul(${factors.join(', ')})` : `(${factors.join(' * ')})`;
}

function pyFunction(name: string): string {
  return `F_${name}`;
}

/** `(15, -29)`, `(x, y)`: the components of a top-level tuple, or undefined. */
function tupleOf(node: Json): Json[] | undefined {
  if (!Array.isArray(node) || node[0] !== 'Delimiter') return undefined;
  const inner = node[1];
  if (!Array.isArray(inner) || inner[0] !== 'Sequence' || inner.length < 3) return undefined;
  // `(3, 4]` and `[0, 1)` are intervals; only `(…)` is a tuple.
  if (node.length > 2 && node[2] !== "'(,)'") return undefined;
  return inner.slice(1);
}

/** `\text{gcd}(a, b)` is how many solutions write \gcd. */
const TEXT_FUNCTION = /\\(?:text|mathrm|textrm|operatorname)\s*\{\s*(gcd|lcm)\s*\}/g;

/** compute-engine reads `\\times` as `\\cdot`: between vectors that is a cross product, not a dot product. */
const CROSS_PRODUCT = /\\times[\s\S]*(?:matrix|\\mathbf|\\vec|\\boldsymbol)|(?:matrix|\\mathbf|\\vec|\\boldsymbol)[\s\S]*\\times/;

/** A column vector written out or named in bold: the operands a cross product may have. */
const VECTOR_OPERAND = /^(?:\\begin\{([pb])matrix\}(?:(?!\\begin)[\s\S])*\\end\{\1matrix\}|\\(?:mathbf|bold|boldsymbol|vec)\s*\{\s*[a-zA-Z]\s*\})$/;

/** `\begin{pmatrix} 1 \\ 2 \\ 3 \end{pmatrix} \times \mathbf{v}`: the operands of a top-level `\times`, or undefined. */
function crossOperands(latex: string): [string, string] | undefined {
  let depth = 0;
  const cuts: number[] = [];
  for (let k = 0; k < latex.length; k++) {
    const rest = latex.slice(k);
    if (latex[k] === '{' || /^\\(?:begin|left)(?![a-zA-Z])/.test(rest)) depth++;
    else if (latex[k] === '}' || /^\\(?:end|right)(?![a-zA-Z])/.test(rest)) depth--;
    else if (depth === 0 && /^\\times(?![a-zA-Z])/.test(rest)) cuts.push(k);
  }
  if (cuts.length !== 1) return undefined;
  const [a, b] = [latex.slice(0, cuts[0]).trim(), latex.slice(cuts[0] + '\\times'.length).trim()];
  return VECTOR_OPERAND.test(a) && VECTOR_OPERAND.test(b) ? [a, b] : undefined;
}

/** Two translated formulas made one (`code` uses both): their symbols together, advanced, ambiguous if either is. */
export function combined(code: string, a: SympyExpression, b: SympyExpression): SympyExpression {
  const union = (key: 'symbols' | 'declared') => [...new Set([...a[key], ...b[key]])].sort();
  return { code, symbols: union('symbols'), declared: union('declared'), advanced: true, ambiguous: a.ambiguous || b.ambiguous };
}

export function latexToSympy(latex: string, options: TranslateOptions = {}): SympyExpression | undefined {
  if (latex.trim() === '') return undefined;
  if (CROSS_PRODUCT.test(latex)) {
    const operands = crossOperands(latex);
    const [a, b] = operands ? operands.map((o) => latexToSympy(o, options)) : [];
    return a && b ? combined(`Matrix(${a.code}).cross(Matrix(${b.code}))`, a, b) : undefined;
  }
  try {
    const parsed = getComputeEngine().parse(latex.replace(TEXT_FUNCTION, '\\$1'), { form: 'raw' });
    const st: State = { symbols: new Set(), declared: new Set(), advanced: false, ambiguous: false, applications: options.applications, imaginary: options.imaginary, functions: new Set() };
    const components = tupleOf(parsed.json as Json);
    const code = components ? `Tuple(${components.map((c) => translate(c, st)).join(', ')})` : translate(parsed.json as Json, st);
    return { code, symbols: [...st.symbols].sort(), declared: [...st.declared].sort(), advanced: st.advanced || components !== undefined, ambiguous: st.ambiguous, ...(components ? { tuple: true } : {}), ...(st.functions.size > 0 ? { functions: [...st.functions].sort() } : {}) };
  } catch {
    return undefined;
  }
}

export { pyFunction, pySymbol };
