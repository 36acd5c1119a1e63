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

def _run(index, check):
    _report('claim', index, ${CLAIM_SECONDS}, check)
`;

function lambda(e: SympyExpression): string {
  return `lambda: ${e.code}`;
}

export function sympyProgram(claims: readonly SandboxClaim[]): string {
  const names = new Set<string>();
  for (const c of claims) for (const e of c.kind === 'equal' ? [c.lhs, c.rhs] : [c.previous.lhs, c.previous.rhs, c.next.lhs, c.next.rhs]) e.declared.forEach((n) => names.add(n));
  const declarations = [...names].sort().map((n) => `${pySymbol(n)} = Symbol(${JSON.stringify(n)})`);
  const checks = claims.map((c, i) =>
    c.kind === 'equal'
      ? `_run(${i}, lambda: _equal(${lambda(c.lhs)}, ${lambda(c.rhs)}, ${c.decimals ?? 'None'}, ${c.lhs.ambiguous || c.rhs.ambiguous ? 'True' : 'False'}))`
      : `_run(${i}, lambda: _equation(${lambda(c.previous.lhs)}, ${lambda(c.previous.rhs)}, ${lambda(c.next.lhs)}, ${lambda(c.next.rhs)}, ${pySymbol(c.variable)}))`,
  );
  return [PYTHON_GUARD, PRELUDE, ...declarations, '', ...checks, ''].join('\n');
}
