#!/usr/bin/python3
"""Derive closed forms of the spin-2 squares of src/phys/amp/amp_spin2.c by Dirac traces.

The amplitude of gamma(q, g) l(p) -> l(p') G(k) (and of l N -> l N G with g -> Ptilde, q = P - P')
is ubar(p') O u(p) with, for the polarisation tensor written eps_{mu nu} = e_mu f_nu,
  O = (1/2)[(f.(2p' + k)) eslash (pslash + qslash + m) gslash/s_A + (f.(2p - k)) gslash (pslash - kslash + m) eslash/u_A]
      - (f.g) eslash - (2/q1^2) [(e.q)(f.q1) gslash + (e.g)(q.q1) fslash - (e.q)(g.q1) fslash - (e.g)(f.q1) qslash],
q1 = p - p' = k - q (the Feynman rules are in the header of amp_spin2.c). The sum over the five
polarisations replaces e_mu f_nu e'_alpha f'_beta by the spin-2 projector
  B = (1/2)(P_{mu alpha} P_{nu beta} + P_{mu beta} P_{nu alpha}) - (1/3) P_{mu nu} P_{alpha beta},  P = -g + k k/m_G^2,
evaluated by following the chains momentum - P - P - ... - momentum (P^n = (-1)^(n-1) P as a mixed
tensor, Tr P = -3). The real photon's polarisations are summed with -g (the amplitude is gauge
invariant: tests/test_amp.c). Traces by the recursion of tools/amp_traces.py.

  /usr/bin/python3 tools/amp_spin2_traces.py compton   prints the C code of the averaged 2 -> 2 square
  /usr/bin/python3 tools/amp_spin2_traces.py check     evaluates it at the points of tests/test_amp.c
"""
import re
import sys

import sympy as sp

from amp_traces import ONE, add, dot, mul, scale, sl, trace

m, m2, M2, sA, uA = sp.symbols('m m2 M2 sA uA', real=True)
SLOTS = ('e', 'f', 'g', 'ep', 'fp', 'gp')
CONJ = {'e': 'ep', 'f': 'fp', 'g': 'gp'}


def operator(q1sq):
    """O as a list of (coefficient, word); q1 = k - q is expanded in the dots"""
    def d(x, y):
        return dot(x, y)

    def dq1(x):
        return dot(x, 'k') - dot(x, 'q')
    s_ch = scale(sp.Rational(1, 2) * (2 * d('f', 'pp') + d('f', 'k')) / sA,
                 mul(mul(sl('e'), add(sl('p'), sl('q'), scale(m, ONE))), sl('g')))
    u_ch = scale(sp.Rational(1, 2) * (2 * d('f', 'p') - d('f', 'k')) / uA,
                 mul(mul(sl('g'), add(sl('p'), scale(-1, sl('k')), scale(m, ONE))), sl('e')))
    contact = scale(-d('f', 'g'), sl('e'))
    fusion = add(scale(d('e', 'q') * dq1('f'), sl('g')),
                 scale(d('e', 'g') * (d('q', 'k') - d('q', 'q')) - d('e', 'q') * dq1('g'), sl('f')),
                 scale(-d('e', 'g') * dq1('f'), sl('q')))
    return add(s_ch, u_ch, contact, scale(-2 / q1sq, fusion))


def rename(expr):
    subs = {}
    for s in expr.free_symbols:
        if s.name.startswith('d_'):
            x, y = s.name.split('_')[1:]
            subs[s] = dot(CONJ.get(x, x), CONJ.get(y, y))
    return expr.xreplace(subs)


def conj_op(A):
    """Obar for real polarisations: the reversed words, the slots primed"""
    return [(rename(c), tuple(CONJ.get(v, v) for v in reversed(w))) for c, w in A]


def split_dots(term):
    """a monomial -> (coefficient, list of (x, y) dot pairs that involve a slot)"""
    coef, pairs = term, []
    for s, p in term.as_powers_dict().items():
        if isinstance(s, sp.Symbol) and s.name.startswith('d_'):
            x, y = s.name.split('_')[1:]
            if x in SLOTS or y in SLOTS:
                coef = coef / s ** p
                pairs += [(x, y)] * int(p)
    return coef, pairs


def contract_photon(e):
    """sum over the real photon's polarisations: g_mu g'_nu -> -g_{mu nu}"""
    out = 0
    for term in sp.Add.make_args(sp.expand(e)):
        coef, pairs = split_dots(term)
        gx = [p for p in pairs if 'g' in p or 'gp' in p]
        rest = [p for p in pairs if not ('g' in p or 'gp' in p)]
        if len(gx) == 1:  # (g.g')
            out += coef * -4 * sp.Mul(*[dot(*p) for p in rest])
            continue
        ends = [p[1] if p[0] in ('g', 'gp') else p[0] for p in gx]
        out += coef * -dot(*ends) * sp.Mul(*[dot(*p) for p in rest])
    return sp.expand(out)


def P(x, y):
    return -dot(x, y) + dot('k', x) * dot('k', y) / M2


def contract_links(pairs, links):
    """value of the network: pairs are metric edges (slot-slot or slot-momentum), links are P edges
    between slots. Each slot has one edge of each kind, so the network is chains that start and end
    at momenta (value (-1)^(n-1) P(x, y) for n links) and closed loops ((-1)^(n-1) Tr P = (-1)^n 3)."""
    nbr_dot, nbr_p = {}, {}
    for x, y in pairs:
        if x in SLOTS and y in SLOTS:
            nbr_dot[x], nbr_dot[y] = y, x
        else:
            s, v = (x, y) if x in SLOTS else (y, x)
            nbr_dot[s] = ('mom', v)
    for x, y in links:
        nbr_p[x], nbr_p[y] = y, x

    def walk(s, seen):
        """follow P, metric, P, ... from slot s: (links crossed, the momentum reached or None for a loop)"""
        n, cur = 0, s
        while True:
            seen.update((cur, nbr_p[cur]))
            n += 1
            d = nbr_dot[nbr_p[cur]]
            if isinstance(d, tuple):
                return n, d[1]
            if d == s:
                return n, None
            cur = d
    val, seen = 1, set()
    G_SLOTS = ('e', 'f', 'ep', 'fp')
    for s in G_SLOTS:  # open chains first, from their momentum ends
        if s not in seen and isinstance(nbr_dot[s], tuple):
            n, end = walk(s, seen)
            val *= (-1) ** (n - 1) * P(nbr_dot[s][1], end)
    for s in G_SLOTS:
        if s not in seen:
            n, _ = walk(s, seen)
            val *= (-1) ** (n - 1) * -3
    return val


B_TERMS = ((sp.Rational(1, 2), (('e', 'ep'), ('f', 'fp'))), (sp.Rational(1, 2), (('e', 'fp'), ('f', 'ep'))),
           (-sp.Rational(1, 3), (('e', 'f'), ('ep', 'fp'))))


def contract_spin2(e):
    out = 0
    for term in sp.Add.make_args(sp.expand(e)):
        coef, pairs = split_dots(term)
        out += coef * sum(w * contract_links(pairs, links) for w, links in B_TERMS)
    return sp.expand(out)


def compton_square():
    """(1/4) sum |M|^2 / (e c)^2 of gamma l -> l G, as a function of sA, uA, m2, M2"""
    q1sq = M2 - sA - uA  # (k - q)^2 with q^2 = 0, 2 q.k = sA + uA
    O = operator(q1sq)
    X = mul(mul(mul(add(sl('pp'), scale(m, ONE)), O), add(sl('p'), scale(m, ONE))), conj_op(O))
    tr = sp.expand(sum(c * trace(w) for c, w in X))
    # p' = p + q - k in the slot dots
    sub = {}
    for s in tr.free_symbols:
        if s.name.startswith('d_') and 'pp' in s.name.split('_')[1:]:
            x, y = s.name.split('_')[1:]
            o = y if x == 'pp' else x
            if o == 'pp':
                continue
            sub[s] = dot(o, 'p') + dot(o, 'q') - dot(o, 'k')
    tr = sp.expand(tr.xreplace(sub))
    tr = contract_photon(tr)
    tr = contract_spin2(tr)
    inv = {dot('p', 'p'): m2, dot('q', 'q'): 0, dot('k', 'k'): M2, dot('p', 'q'): sA / 2,
           dot('p', 'k'): (M2 - uA) / 2, dot('k', 'q'): (sA + uA) / 2,
           dot('pp', 'pp'): m2}
    tr = tr.xreplace(inv)
    tr = sp.expand(tr.subs(m ** 2, m2))
    pp = {dot('p', 'pp'): m2 + sA / 2 - (M2 - uA) / 2, dot('pp', 'q'): -uA / 2, dot('k', 'pp'): (sA - M2) / 2}
    tr = sp.expand(tr.xreplace(pp).subs(m ** 2, m2))
    left = [s for s in tr.free_symbols if s.name.startswith('d_')]
    assert not left, left
    return sp.factor(sp.together(tr / 4))


def compton_numerator():
    """N(d, v) with T = N/(12 v^2 s_A^2 u_A^2), s_A = m_G^2 + d, u_A = v - d, v = -q1^2 >= 0: the
    variables in which the sum has no cancellation at the photon-exchange pole v -> 0"""
    d, v = sp.symbols('d v', positive=True)
    T = compton_square()
    full = sp.cancel(T * 12 * sA ** 2 * uA ** 2 * (M2 - sA - uA) ** 2)
    N = sp.expand(full.subs(uA, M2 - sA + v).subs(sA, M2 + d))
    return N, d, v


def horner_c(poly, var, fmt):
    """C text of a polynomial in var by Horner's rule, coefficients printed by fmt"""
    P = sp.Poly(poly, var)
    deg = P.degree()
    coeffs = [P.coeff_monomial(var ** i) for i in range(deg + 1)]
    text = fmt(coeffs[deg])
    for i in range(deg - 1, -1, -1):
        text = '(%s) * %s + %s' % (text, var, fmt(coeffs[i]))
    return text


def c_coef(c):
    """C text without pow(), which would round long double operands to double"""
    if c == 0:
        return '0'
    text = sp.ccode(sp.horner(sp.expand(c), wrt=M2))
    for n in (4, 3, 2):
        text = re.sub(r'pow\((\w+), %d\)' % n, lambda g: '(' + ' * '.join([g.group(1)] * n) + ')', text)
    return text


if __name__ == '__main__':
    what = sys.argv[1] if len(sys.argv) > 1 else 'compton'
    N, d, v = compton_numerator()
    if what == 'check':  # the points of tests/test_amp.c, to 20 digits
        for mm, MM, s_, u_ in ((0.000511, 0.001, 3.0, -1.2), (0.1057, 0.3, 2.0, -0.7), (0.000511, 0.5, 10.0, -4.0)):
            sub = {m2: sp.Rational(mm) ** 2, M2: sp.Rational(MM) ** 2}
            dd = sp.Rational(s_) - sub[M2]
            vv = sp.Rational(s_) + sp.Rational(u_) - sub[M2]
            val = N.subs(sub).subs({d: dd, v: vv}) / (12 * vv ** 2 * (sub[M2] + dd) ** 2 * (vv - dd) ** 2)
            print(mm, MM, s_, u_, sp.N(val, 20))
    else:
        P = sp.Poly(N, v)
        for i in range(P.degree() + 1):
            c = P.coeff_monomial(v ** i)
            print('  n[%d] = %s;' % (i, horner_c(c, d, c_coef)))
