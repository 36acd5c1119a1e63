/**
 * One Python program per problem that checks its claims with SymPy and prints one JSON line per claim.
 * Each claim runs under its own alarm, so that one slow `simplify` costs that claim, not the note.
 */
import type { RelationPart } from './relation-claims';
import type { SandboxClaim } from './sympy-claims';
import type { SympyExpression } from './latex-to-sympy';
import { pyFunction, pySymbol } from './latex-to-sympy';
import { PYTHON_GUARD } from './python-guard';

/** Seconds one claim may take inside the sandbox. */
export const CLAIM_SECONDS = 3;

const PRELUDE = String.raw`from sympy import *
from sympy.core.function import AppliedUndef
from sympy.matrices import MatrixBase
from itertools import product as _cartesian
from sympy.calculus.util import continuous_domain

def _mul(*factors):
    # \cdot between two column vectors of one size is their dot product
    if len(factors) == 2 and all(isinstance(f, MatrixBase) and f.shape[1] == 1 for f in factors) and factors[0].shape == factors[1].shape:
        return factors[0].dot(factors[1])
    result = factors[0]
    for f in factors[1:]:
        result = result * f
    return result

def _congruent(a, b, m):
    """a ≡ b (mod m) as Mod(a - b, m): 17^{-1} (SymPy's 1/17) is the inverse modulo m, p/q is p times that of q, and
    a number that is still no integer is no residue."""
    def inverse(e):
        return sympify(e).replace(lambda x: x.is_Rational and not x.is_Integer, lambda x: Integer(x.p) * Integer(mod_inverse(x.q, m)))
    d = inverse(a) - inverse(b)
    if not d.free_symbols and d.is_integer is not True:
        return nan
    return Mod(d, m)

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

def _show(x):
    if isinstance(x, Tuple):
        return '(%s)' % ', '.join(_show(c) for c in x)
    return str(N(x, 8))[:60]

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
        return 'differs', 'the two sides evaluate to %s and %s' % (_show(a), _show(b))
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

def _unknowns(e):
    """Symbols, and applications f(2) of functions: unknown numbers."""
    return e.free_symbols | e.atoms(AppliedUndef)

def _fact(index):
    """The sides (lhs, rhs) of an earlier equation, one pair per component of a tuple; [] when unusable."""
    if index not in _FACT_VALUES:
        lhs, rhs = _FACTS[index]
        a, b = lhs(), rhs()
        if isinstance(a, Tuple) and isinstance(b, Tuple) and len(a) == len(b):
            found = [(sympify(x), sympify(y)) for x, y in zip(a, b)]
        elif isinstance(a, (MatrixBase, Tuple)) or isinstance(b, (MatrixBase, Tuple)):
            found = []
        else:
            found = [(sympify(a), sympify(b))]
        _FACT_VALUES[index] = [(x, y) for x, y in found if _unknowns(x - y)]
    return _FACT_VALUES[index]

def _definition(a, b):
    """f(x) = 3x + 1: the function f, its variable and its value; None for any other equation."""
    # f(n) = n is the equation of the problem's fixed points far more often than a definition of f.
    if isinstance(a, AppliedUndef) and len(a.args) == 1 and a.args[0].is_Symbol and a.args[0] in b.free_symbols and b != a.args[0] and not any(x.func == a.func for x in b.atoms(AppliedUndef)):
        return a.func, (a.args[0], b)
    return None

def _expand_definitions(e, definitions):
    for _ in range(3):
        if not any(isinstance(x, AppliedUndef) and x.func in definitions for x in e.atoms(AppliedUndef)):
            break
        e = e.replace(lambda x: isinstance(x, AppliedUndef) and x.func in definitions and len(x.args) == 1, lambda x: definitions[x.func][1].subs(definitions[x.func][0], x.args[0]))
    return e

def _linear_values(differences):
    """(unknown, number) for every earlier equation linear in one unknown: x = 3, z = 2 - 3i, y - 1 = 0."""
    found = []
    for g in differences:
        if g.atoms(AppliedUndef) or len(g.free_symbols) != 1:
            continue
        s = next(iter(g.free_symbols))
        try:
            if Poly(g, s).degree() != 1:
                continue
        except Exception:
            continue
        v = solve(g, s)
        if len(v) == 1 and not v[0].free_symbols:
            found.append((s, v[0]))
    return found

def _given_values(differences):
    """The unknowns earlier equations give one number each; none when they give one two different numbers."""
    values = {}
    for s, v in _linear_values(differences):
        if s in values and _same(values[s], v) is not True:
            return {}
        values[s] = v
    return values

def _functional(f):
    """f(x + 1) - f(x) = x + 2, f(x) + f(y) = f(x + y) - xy - 1: values of one function at points that vary,
    which holds for every value of its letters (unlike p(r) = 0 for a root r)."""
    apps = [a for a in f.atoms(AppliedUndef) if a.free_symbols]
    return any(a.func == b.func and a != b for a in apps for b in f.atoms(AppliedUndef))

_MAX_INSTANCES = 12

def _instances(differences, d):
    """Earlier functional equations at the points the claim is about: x = 1 in f(x + 1) - f(x) = x + 2 for
    f(2) - f(1) = 3; the values an earlier equation gives (Setting y = 1, we get) are tried too."""
    claim_apps = list(d.atoms(AppliedUndef))
    values = {}
    for s, v in _linear_values(differences):
        values.setdefault(s, set()).add(v)
    found = []
    for f in differences:
        if not _functional(f):
            continue
        letters = sorted(set().union(*(a.free_symbols for a in f.atoms(AppliedUndef))), key=str)
        if len(letters) > 3:
            continue
        candidates = {s: set(values.get(s, ())) for s in letters}
        for a in f.atoms(AppliedUndef):
            for c in claim_apps:
                if c.func != a.func or len(c.args) != len(a.args):
                    continue
                for u, v in zip(a.args, c.args):
                    if len(u.free_symbols) != 1:
                        continue
                    s = next(iter(u.free_symbols))
                    for sol in solve(u - v, s)[:2]:
                        if sol != s:
                            candidates[s].add(sol)
        choices = [[s] + sorted(candidates[s], key=str)[:3] for s in letters]
        for combo in _cartesian(*choices):
            subs = {s: v for s, v in zip(letters, combo) if v != s}
            if not subs:
                continue
            g = f.subs(subs, simultaneous=True)
            if g != f and g not in found and g not in differences:
                found.append(g)
            if len(found) >= _MAX_INSTANCES:
                return found
    return found

def _numerator(d):
    return expand(fraction(together(d))[0])

def _follows_one(lhs, rhs, facts):
    lhs, rhs = sympify(lhs), sympify(rhs)
    d = lhs - rhs
    if not _unknowns(d):
        return 'undecided', ''
    pairs = []
    for index in facts:
        try:
            pairs.extend(_fact(index))
        except _Timeout:
            raise
        except Exception:
            pass
    definitions = {}
    differences = []
    # The same equation again (the problem's, or with its sides swapped) establishes nothing new.
    if any((a == lhs and b == rhs) or (a == rhs and b == lhs) for a, b in pairs):
        return 'undecided', 'restates an earlier equation'
    for a, b in pairs:
        found = _definition(a, b)
        if found and found[0] not in definitions:
            definitions[found[0]] = found[1]
        else:
            # A second formula for a defined function (q(x) = (ax + b)(x - 2)…) is an equation about it.
            differences.append(a - b)
    if definitions:
        applied = _expand_definitions(d, definitions)
        if applied != d:
            d = applied
            if not _unknowns(d):
                return ('verified', 'by the definition of %s' % ', '.join(str(f) for f in definitions)) if _same(d, 0) is True else ('undecided', '')
        # f(n) = n with f(n) = (n^2 + 3n - 2)/2: the earlier equations speak of the defined function too.
        differences = [g for g in (_expand_definitions(f, definitions) for f in differences) if g != 0]
    symbols = d.free_symbols
    if d == 0 or _same(d, 0) is True:
        return 'verified', 'an identity'
    if d.atoms(AppliedUndef):
        differences = differences + _instances(differences, d)
    # z = 2 + \sqrt{2} - (3 + 3\sqrt{2})i, c = 2 - 3i: the numbers the problem gives, put in (a Gröbner basis
    # over radicals and i may not be computable).
    given = _given_values(differences)
    if given and not (d.free_symbols - set(given)) and not d.atoms(AppliedUndef):
        if _same(d.subs(given), 0) is True:
            return 'verified', 'with %s' % ', '.join('%s = %s' % (s, str(v)[:30]) for s, v in given.items())[:120]
    related, seen, grown = [], set(_unknowns(d)), True
    while grown:
        grown = False
        for f in differences:
            if f not in related and _unknowns(f) & seen:
                related.append(f)
                seen |= _unknowns(f)
                grown = True
    related.sort(key=differences.index)
    if not related:
        return 'undecided', ''
    # The claim's numerator in the ideal of the earlier numerators: wherever they hold, it holds. Non-polynomial
    # parts (sqrt(x), sin(x)) are generators of their own, which keeps this sound.
    # Earlier equations that contradict each other (two cases, a letter used twice) prove anything: then the
    # latest of them alone are tried, as long as they are consistent.
    target = _numerator(d)
    numerators = [n for n in (_numerator(f) for f in related) if n != 0]
    inconsistent = False
    for window in (len(numerators), 6, 3, 1):
        if window > len(numerators) or (window < len(numerators) and not inconsistent):
            continue
        latest = numerators[-window:]
        try:
            _, info = parallel_poly_from_expr(latest + [target])
            basis = groebner(latest, *info['gens'], order='grevlex')
        except _Timeout:
            raise
        except Exception:
            break
        if list(basis.exprs) == [1]:
            inconsistent = True
            continue
        if basis.reduce(target)[1] == 0:
            return 'verified', 'follows from the earlier equations'
        break
    if inconsistent:
        return 'undecided', 'the earlier equations contradict each other'

    # x = 3 after x^2 - 5x + 6 = 0: the value satisfies every earlier equation in that unknown alone.
    if len(symbols) == 1 and not d.atoms(AppliedUndef):
        s = next(iter(symbols))
        values = solve(d, s)
        # An identity (a rewriting step) holds for every value: it says nothing about this one.
        own = [f for f in related if f.free_symbols == {s} and _numerator(f) != 0]
        if len(values) == 1 and not sympify(values[0]).free_symbols and own:
            if all(_same(f.subs(s, values[0]), 0) is True for f in own):
                return 'verified', '%s = %s satisfies the earlier equations in %s' % (s, str(values[0])[:40], s)
    return 'undecided', ''

def _follows(lhs, rhs, facts):
    a, b = lhs(), rhs()
    if isinstance(a, Tuple) and isinstance(b, Tuple):
        if len(a) != len(b):
            return 'undecided', ''
        outcomes = [_follows_one(x, y, facts) if _unknowns(sympify(x - y)) else (('verified', '') if _same(x, y) is True else ('undecided', '')) for x, y in zip(a, b)]
        if all(o[0] == 'verified' for o in outcomes):
            return 'verified', next((o[1] for o in outcomes if o[1]), '')
        return 'undecided', ''
    if isinstance(a, (MatrixBase, Tuple)) or isinstance(b, (MatrixBase, Tuple)):
        return 'undecided', ''
    return _follows_one(a, b, facts)

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

_RELATIONS = {'=': Eq, '<': Lt, '<=': Le, '>': Gt, '>=': Ge, '!=': Ne}

def _relation(parts):
    results = []
    for lhs, op, rhs in parts:
        a, b = lhs(), rhs()
        d = N(a - b, 30)
        if not d.is_real:
            return 'undecided', ''
        if op == '=':
            results.append(_same(a, b))
        else:
            results.append(bool(_RELATIONS[op](d, 0)))
    if all(r is True for r in results):
        return 'verified', ''
    if any(r is False for r in results):
        return 'differs', 'SymPy evaluates it as false'
    return 'undecided', ''

def _solutions(parts, v):
    found = S.Reals
    for lhs, op, rhs in parts:
        found = Intersection(found, solveset(_RELATIONS[op](lhs(), rhs()), v, S.Reals))
    return found

def _interval(previous, following, v):
    a, b = _solutions(previous, v), _solutions(following, v)
    if a == S.EmptySet or a == S.Reals:
        return 'undecided', ''
    inside = a.is_subset(b)
    if inside is True:
        return 'verified', 'every solution of the inequality before solves it: %s' % str(b)[:80]
    if inside is False:
        return 'differs', 'the inequality before gives %s, this one %s' % (str(a)[:60], str(b)[:60])
    return 'undecided', ''

def _holds_everywhere(d, strict):
    """d > 0 (or d >= 0) for every real value of its unknowns where d is defined."""
    unknowns = sorted(d.free_symbols, key=str)
    if not unknowns or d.atoms(AppliedUndef):
        return False
    if len(unknowns) == 1:
        v = unknowns[0]
        domain = continuous_domain(d, v, S.Reals)
        if domain == S.EmptySet:
            return False
        return domain.is_subset(solveset(d > 0 if strict else d >= 0, v, S.Reals)) is True
    # Several unknowns: a square or a sum of squares once factored ((a^2 + b^2)/2 - ab = (a - b)^2/2).
    real = {s: Symbol(s.name, real=True) for s in unknowns}
    f = factor(together(d.subs(real)))
    return (f.is_positive if strict else f.is_nonnegative) is True

def _universal(parts):
    for lhs, op, rhs in parts:
        a, b = sympify(lhs()), sympify(rhs())
        if op == '=':
            if _same(a, b) is not True:
                return 'undecided', ''
            continue
        if op not in ('<', '<=', '>', '>='):
            return 'undecided', ''
        d = b - a if op in ('<', '<=') else a - b
        if not _holds_everywhere(d, op in ('<', '>')):
            return 'undecided', ''
    return 'verified', 'holds for every real value of its unknowns'

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
    case 'relation':
      return c.parts.flatMap((p) => [p.lhs, p.rhs]);
    case 'interval':
      return [...c.previous, ...c.next].flatMap((p) => [p.lhs, p.rhs]);
    case 'universal':
      return c.parts.flatMap((p) => [p.lhs, p.rhs]);
  }
}

function parts(list: readonly RelationPart[]): string {
  return `[${list.map((p) => `(${lambda(p.lhs)}, '${p.relation}', ${lambda(p.rhs)})`).join(', ')}]`;
}

export function sympyProgram(claims: readonly SandboxClaim[]): string {
  const names = new Set<string>();
  for (const c of claims) for (const e of expressionsOf(c)) e.declared.forEach((n) => names.add(n));
  const functions = new Set<string>();
  for (const c of claims) for (const e of expressionsOf(c)) e.functions?.forEach((f) => functions.add(f));
  const declarations = [
    ...[...names].sort().map((n) => `${pySymbol(n)} = Symbol(${JSON.stringify(n)})`),
    ...[...functions].sort().map((f) => `${pyFunction(f)} = Function(${JSON.stringify(f)})`),
  ];
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
      case 'relation':
        return `_run(${i}, lambda: _relation(${parts(c.parts)}))`;
      case 'interval':
        return `_run(${i}, lambda: _interval(${parts(c.previous)}, ${parts(c.next)}, ${pySymbol(c.variable)}))`;
      case 'universal':
        return `_run(${i}, lambda: _universal(${parts(c.parts)}))`;
    }
  });
  return [PYTHON_GUARD, PRELUDE, ...declarations, '', ...factLines, '', ...checks, ''].join('\n');
}
