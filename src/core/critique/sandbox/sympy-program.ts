/**
 * One Python program per problem that checks its claims with SymPy and prints one JSON line per claim.
 * Each claim runs under its own alarm, so that one slow `simplify` costs that claim, not the note.
 */
import type { SandboxClaim } from './sympy-claims';
import type { SympyExpression } from './latex-to-sympy';
import { pySymbol } from './latex-to-sympy';
import { PYTHON_GUARD } from './python-guard';

/** Seconds one claim may take inside the sandbox. */
export const CLAIM_SECONDS = 3;

const PRELUDE = String.raw`from sympy import *
from sympy.matrices import MatrixBase

def _mul(*factors):
    # \cdot between two column vectors of one size is their dot product
    if len(factors) == 2 and all(isinstance(f, MatrixBase) and f.shape[1] == 1 for f in factors) and factors[0].shape == factors[1].shape:
        return factors[0].dot(factors[1])
    result = factors[0]
    for f in factors[1:]:
        result = result * f
    return result

def _norm(v):
    return sqrt(sum(x ** 2 for x in v)) if isinstance(v, MatrixBase) else Abs(v)

def _complex(x):
    return complex(N(x, 30))

POINTS = [Rational(3719, 10000), Rational(14142, 10000), Rational(-8231, 10000), Rational(22361, 10000), Rational(6180, 10000), Rational(-17321, 10000)]

def _same(a, b, decimals=None):
    """True/False when a and b agree/disagree, None when undecided."""
    if isinstance(a, Tuple) or isinstance(b, Tuple):
        if not (isinstance(a, Tuple) and isinstance(b, Tuple)) or len(a) != len(b):
            return None
        results = [_same(x, y, decimals) for x, y in zip(a, b)]
        if all(r is True for r in results):
            return True
        return False if any(r is False for r in results) else None
    if isinstance(a, MatrixBase) or isinstance(b, MatrixBase):
        if not (isinstance(a, MatrixBase) and isinstance(b, MatrixBase)) or a.shape != b.shape:
            return None
        results = [_same(x, y, decimals) for x, y in zip(a, b)]
        if all(r is True for r in results):
            return True
        return False if any(r is False for r in results) else None
    a, b = sympify(a), sympify(b)
    d = a - b
    if d == 0:
        return True
    if d.free_symbols:
        try:
            if simplify(d) == 0:
                return True
        except Exception:
            pass
        names = sorted(d.free_symbols, key=str)
        agree = 0
        for p in POINTS:
            at = {s: p + Rational(37, 100) * k for k, s in enumerate(names)}
            try:
                v = _complex(d.subs(at))
                scale = max(1.0, abs(_complex(a.subs(at))))
            except Exception:
                continue
            if v != v or abs(v) > 1e-8 * scale:
                return False if v == v else None
            agree += 1
        return True if agree >= 3 else None
    try:
        v = _complex(d)
    except Exception:
        return None
    try:
        scale = max(1.0, abs(_complex(b)))
    except Exception:
        scale = 1.0
    if v != v:
        return None
    if abs(v) <= 1e-9 * scale:
        return True
    if decimals is not None and abs(v) < 10 ** (-decimals) * (1 + 1e-9):
        return True
    return False

def _constants(x):
    subs = {s: (I if s.name == 'i' else E) for s in x.free_symbols if s.name in ('i', 'e')} if hasattr(x, 'free_symbols') else {}
    return x.subs(subs) if subs else x

def _equal(lhs, rhs, decimals, ambiguous):
    a, b = lhs(), rhs()
    found = _same(a, b, decimals)
    if found is not True and ambiguous:
        if _same(_constants(a), _constants(b), decimals) is True:
            return 'verified', 'with i and e as constants'
    if found is True:
        return 'verified', ''
    if found is False:
        return 'differs', 'the two sides evaluate to %s and %s' % (str(N(a, 8))[:60], str(N(b, 8))[:60])
    return 'undecided', ''

def _equation(pl, pr, nl, nr, v):
    pl, pr, nl, nr = pl(), pr(), nl(), nr()
    sols = solve(Eq(pl, pr), v)
    if not isinstance(sols, list) or not sols or len(sols) > 8:
        return 'undecided', ''
    holds = [_same(nl.subs(v, s), nr.subs(v, s)) for s in sols]
    if any(h is True for h in holds):
        return 'verified', ''
    if any(h is None for h in holds):
        return 'undecided', ''
    nsols = solve(Eq(nl, nr), v)
    if not isinstance(nsols, list) or not nsols or any(_same(pl.subs(v, s), pr.subs(v, s)) is not False for s in nsols):
        return 'undecided', ''
    return 'differs', 'the previous equation gives %s = %s' % (v, ', '.join(str(s) for s in sols)[:120])

_FACTS = []
_FACT_VALUES = {}

def _fact(index):
    """The differences lhs - rhs of an earlier equation (one per component of a tuple), [] when unusable."""
    if index not in _FACT_VALUES:
        lhs, rhs = _FACTS[index]
        a, b = lhs(), rhs()
        if isinstance(a, Tuple) and isinstance(b, Tuple) and len(a) == len(b):
            found = [sympify(x - y) for x, y in zip(a, b)]
        elif isinstance(a, (MatrixBase, Tuple)) or isinstance(b, (MatrixBase, Tuple)):
            found = []
        else:
            found = [sympify(a - b)]
        _FACT_VALUES[index] = [f for f in found if f.free_symbols]
    return _FACT_VALUES[index]

def _numerator(d):
    return expand(fraction(together(d))[0])

def _follows_one(d, facts):
    d = sympify(d)
    symbols = d.free_symbols
    if not symbols:
        return 'undecided', ''
    if d == 0 or _same(d, 0) is True:
        return 'verified', 'an identity'
    differences = []
    for index in facts:
        try:
            differences.extend(_fact(index))
        except _Timeout:
            raise
        except Exception:
            pass
    related, seen, grown = [], set(symbols), True
    while grown:
        grown = False
        for f in differences:
            if f not in related and f.free_symbols & seen:
                related.append(f)
                seen |= f.free_symbols
                grown = True
    if not related:
        return 'undecided', ''
    # The claim's numerator in the ideal of the earlier numerators: wherever they hold, it holds. Non-polynomial
    # parts (sqrt(x), sin(x)) are generators of their own, which keeps this sound.
    try:
        numerators = [n for n in (_numerator(f) for f in related) if n != 0]
        target = _numerator(d)
        # The same equation again (the problem's, or rearranged) establishes nothing new.
        if any(expand(target - n) == 0 or expand(target + n) == 0 for n in numerators):
            return 'undecided', 'restates an earlier equation'
        _, info = parallel_poly_from_expr(numerators + [target])
        basis = groebner(numerators, *info['gens'], order='grevlex')
        if list(basis.exprs) == [1]:
            return 'undecided', 'the earlier equations contradict each other'
        if basis.reduce(target)[1] == 0:
            return 'verified', 'follows from the earlier equations'
    except _Timeout:
        raise
    except Exception:
        pass
    # x = 3 after x^2 - 5x + 6 = 0: the value satisfies every earlier equation in that unknown alone.
    if len(symbols) == 1:
        s = next(iter(symbols))
        values = solve(d, s)
        own = [f for f in related if f.free_symbols == {s}]
        if len(values) == 1 and not sympify(values[0]).free_symbols and own:
            if all(_same(f.subs(s, values[0]), 0) is True for f in own):
                return 'verified', '%s = %s satisfies the earlier equations in %s' % (s, str(values[0])[:40], s)
    return 'undecided', ''

def _follows(lhs, rhs, facts):
    a, b = lhs(), rhs()
    if isinstance(a, Tuple) and isinstance(b, Tuple):
        if len(a) != len(b):
            return 'undecided', ''
        outcomes = [_follows_one(x - y, facts) if sympify(x - y).free_symbols else (('verified', '') if _same(x, y) is True else ('undecided', '')) for x, y in zip(a, b)]
        if all(o[0] == 'verified' for o in outcomes):
            return 'verified', next((o[1] for o in outcomes if o[1]), '')
        return 'undecided', ''
    if isinstance(a, (MatrixBase, Tuple)) or isinstance(b, (MatrixBase, Tuple)):
        return 'undecided', ''
    return _follows_one(a - b, facts)

def _answer(answer, results, step):
    a = answer()
    for result in results:
        try:
            if _same(a, result()) is True:
                return 'verified', 'the result of step %d' % (step + 1)
        except _Timeout:
            raise
        except Exception:
            pass
    return 'undecided', ''

def _run(index, check):
    _report('claim', index, ${CLAIM_SECONDS}, check)
`;

function lambda(e: SympyExpression): string {
  return `lambda: ${e.code}`;
}

function expressionsOf(c: SandboxClaim): SympyExpression[] {
  switch (c.kind) {
    case 'equal':
      return [c.lhs, c.rhs];
    case 'equation':
      return [c.previous.lhs, c.previous.rhs, c.next.lhs, c.next.rhs];
    case 'follows':
      return [c.lhs, c.rhs, ...c.facts.flatMap((f) => [f.lhs, f.rhs])];
    case 'answer':
      return [c.answer, ...c.results];
  }
}

export function sympyProgram(claims: readonly SandboxClaim[]): string {
  const names = new Set<string>();
  for (const c of claims) for (const e of expressionsOf(c)) e.declared.forEach((n) => names.add(n));
  const declarations = [...names].sort().map((n) => `${pySymbol(n)} = Symbol(${JSON.stringify(n)})`);
  // Earlier equations are shared by many claims: one table, evaluated once.
  const facts = new Map<string, number>();
  const factLines: string[] = [];
  const factIndex = (lhs: SympyExpression, rhs: SympyExpression) => {
    const key = `${lhs.code}\u0000${rhs.code}`;
    if (!facts.has(key)) {
      facts.set(key, facts.size);
      factLines.push(`_FACTS.append((${lambda(lhs)}, ${lambda(rhs)}))`);
    }
    return facts.get(key)!;
  };
  const checks = claims.map((c, i) => {
    switch (c.kind) {
      case 'equal':
        return `_run(${i}, lambda: _equal(${lambda(c.lhs)}, ${lambda(c.rhs)}, ${c.decimals ?? 'None'}, ${c.lhs.ambiguous || c.rhs.ambiguous ? 'True' : 'False'}))`;
      case 'equation':
        return `_run(${i}, lambda: _equation(${lambda(c.previous.lhs)}, ${lambda(c.previous.rhs)}, ${lambda(c.next.lhs)}, ${lambda(c.next.rhs)}, ${pySymbol(c.variable)}))`;
      case 'follows':
        return `_run(${i}, lambda: _follows(${lambda(c.lhs)}, ${lambda(c.rhs)}, [${c.facts.map((f) => factIndex(f.lhs, f.rhs)).join(', ')}]))`;
      case 'answer':
        return `_run(${i}, lambda: _answer(${lambda(c.answer)}, [${c.results.map(lambda).join(', ')}], ${c.resultStep}))`;
    }
  });
  return [PYTHON_GUARD, PRELUDE, ...declarations, '', ...factLines, '', ...checks, ''].join('\n');
}
