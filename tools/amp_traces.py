#!/usr/bin/python3
"""Derive the closed forms of T_X used in src/phys/amp/amp.c.

T_X = (1/2) sum_pol Tr[(p'slash + m) O_X (pslash + m) Obar_X],
O_X = Gamma_X (p'slash + kslash + m) Ptilde-slash/s_A + Ptilde-slash (pslash - kslash + m) Gamma_X/u_A,
for the vertex rules of include/darkreach/model.h (charge radius and anapole
are m_X^2 times vector and axial on shell). Traces of slashed vectors by the
recursion Tr(a1 a2 ... an) = sum_i (-1)^i (a1.ai) Tr(a2 .. ^ai .. an);
gamma^5 is anticommuted to the end (gamma5^2 = 1; the Dirac adjoint of
gamma^5 is -gamma^5). Polarisation sum -g + k k/m_X^2 (the k k term only for
the axial vertex: the other currents are conserved). The result is written in
a = p.Pt, b = p'.Pt, s_A, u_A, t = -(P - P')^2 > 0, P2 = Pt^2 = 4 M^2 + t:
  p.k = (m_X^2 - u_A)/2, p'.k = (s_A - m_X^2)/2, p.p' = m^2 - m_X^2/2 + (s_A + u_A + t)/2, k.Pt = a - b.

The script checks the vector, axial, scalar and pseudoscalar forms against
the nucleus-recoil treatment of Liu, McKeen and Miller
([Liu:2016mqv]; derivation note FORMULARY Part II §2.3) and prints every form grouped by powers of s_A and
u_A, the grouping amp.c's closed_form() is written in. Needs python3-sympy:
  /usr/bin/python3 tools/amp_traces.py
"""
import collections
import functools

import sympy as sp

a, b, sA, uA, t, P2, m2, M2, m = sp.symbols('a b sA uA t P2 m2 M2 m', real=True)


def dot(x, y):
    x, y = sorted((x, y))
    return sp.Symbol('d_%s_%s' % (x, y), real=True)


@functools.lru_cache(maxsize=None)
def trace_slashed(vs):
    if not vs:
        return sp.Integer(4)
    if len(vs) % 2:
        return sp.Integer(0)
    return sp.expand(sum((-1) ** (i - 1) * dot(vs[0], vs[i]) * trace_slashed(vs[1:i] + vs[i + 1:])
                         for i in range(1, len(vs))))


def trace(word):
    """Tr of a product of slashed vectors and gamma5s ('5')"""
    sign, rest = 1, []
    for i, v in enumerate(word):
        if v == '5':
            sign *= (-1) ** sum(1 for w in word[i + 1:] if w != '5')
        else:
            rest.append(v)
    assert (len(word) - len(rest)) % 2 == 0, 'odd number of gamma5: Levi-Civita terms, not needed here'
    return sign * trace_slashed(tuple(rest))


# an operator is a list of (coefficient, word)
def mul(A, B):
    return [(ca * cb, va + vb) for ca, va in A for cb, vb in B]


def add(*ops):
    return [x for op in ops for x in op]


def scale(c, A):
    return [(c * ca, va) for ca, va in A]


def sl(v):
    return [(1, (v,))]


ONE, G5 = [(1, ())], [(1, ('5',))]


def adjoint(A):
    return [(sp.conjugate(c) * (-1) ** w.count('5'), tuple(reversed(w))) for c, w in A]


def vertex(rule):
    md = scale(sp.I, add(mul(sl('e'), sl('k')), scale(-dot('e', 'k'), ONE)))
    return {'V': sl('e'), 'A': mul(sl('e'), G5), 'S': ONE, 'P': G5, 'MD': md, 'ED': mul(md, G5)}[rule]


def t_x(rule):
    G = vertex(rule)
    O = add(scale(1 / sA, mul(mul(G, add(sl('pp'), sl('k'), scale(m, ONE))), sl('Pt'))),
            scale(1 / uA, mul(mul(sl('Pt'), add(sl('p'), scale(-1, sl('k')), scale(m, ONE))), G)))
    X = mul(mul(mul(add(sl('pp'), scale(m, ONE)), O), add(sl('p'), scale(m, ONE))), adjoint(O))
    tr = sp.expand(sp.Rational(1, 2) * sum(c * trace(w) for c, w in X))
    if rule in ('S', 'P'):
        return tr
    out = 0
    for term in sp.Add.make_args(tr):  # bilinear in e: (e.x)(e.y) -> -x.y [+ (k.x)(k.y)/m_X^2]; e.e -> -4 [+ 1]
        es = [s for s in term.free_symbols if s.name.startswith('d_') and 'e' in s.name.split('_')[1:]]
        coef, others, ee = term, [], False
        for s in es:
            d = sp.degree(term, s)
            coef /= s ** d
            if s.name == 'd_e_e':
                ee = True
            else:
                x, y = s.name.split('_')[1:]
                others += [y if x == 'e' else x] * d
        if ee:
            out += coef * (-3 if rule == 'A' else -4)
            continue
        x, y = others
        out += coef * (-dot(x, y) + (dot('k', x) * dot('k', y) / M2 if rule == 'A' else 0))
    return sp.expand(out)


def invariants(e):
    sub = {dot('p', 'p'): m2, dot('pp', 'pp'): m2, dot('k', 'k'): M2, dot('Pt', 'Pt'): P2,
           dot('p', 'Pt'): a, dot('pp', 'Pt'): b, dot('k', 'Pt'): a - b,
           dot('p', 'k'): (M2 - uA) / 2, dot('pp', 'k'): (sA - M2) / 2,
           dot('p', 'pp'): (2 * m2 - M2 + sA + uA + t) / 2}
    return sp.expand(e.subs(sub).subs(m ** 2, m2))


def formulary():
    mx = M2 * ((t * P2 - 4 * a * a) / sA ** 2 + (t * P2 - 4 * b * b) / uA ** 2)
    common = 4 * t * P2 * (1 / sA + 1 / uA) + 2 * P2 * (uA / sA + sA / uA) + 2 * (mx - 2 * M2 * (t * P2 + 4 * a * b) / (sA * uA))
    return {
        'V': 4 * m2 * (t * P2 - 4 * a * a) / sA ** 2 + 4 * m2 * (t * P2 - 4 * b * b) / uA ** 2
        + (4 * t * t * P2 + 8 * m2 * t * P2 - 32 * m2 * a * b - 8 * t * (a * a + b * b)) / (sA * uA) + common,
        'A': 4 * m2 / M2 * (P2 * (sA + uA) ** 2 - 4 * t * (a - b) ** 2) / (sA * uA)
        + 8 * m2 * (4 * a * a - t * P2) / sA ** 2 + 8 * m2 * (4 * b * b - t * P2) / uA ** 2
        + (4 * t * t * P2 + 16 * m2 * t * P2 + 64 * m2 * a * b - 8 * t * (a * a + b * b)) / (sA * uA) + common,
        'S': 4 * m2 * (4 * a * a - t * P2) / sA ** 2 + 4 * m2 * (4 * b * b - t * P2) / uA ** 2
        + (32 * m2 * a * b - 8 * m2 * t * P2 - 4 * t * (a - b) ** 2) / (sA * uA) + P2 * (uA / sA + sA / uA) + 2 * P2
        + mx + 2 * M2 * (t * P2 - 4 * a * b) / (sA * uA),
        'P': -4 * t * (a - b) ** 2 / (sA * uA) + P2 * (uA / sA + sA / uA) + 2 * P2 + mx + 2 * M2 * (t * P2 - 4 * a * b) / (sA * uA),
    }


def grouped(e):
    g = collections.defaultdict(lambda: 0)
    for term in sp.Add.make_args(sp.expand(e)):
        d = term.as_powers_dict()
        i, j = int(d.get(sA, 0)), int(d.get(uA, 0))
        g[(i, j)] += term / (sA ** i * uA ** j)
    return {k: sp.factor(v) for k, v in sorted(g.items())}


def main():
    ref = formulary()
    names = {'V': 'vector', 'A': 'axial', 'S': 'scalar', 'P': 'pseudoscalar', 'MD': 'magnetic dipole', 'ED': 'electric dipole'}
    for r in names:
        e = invariants(t_x(r))
        if r in ref:
            diff = sp.simplify(e - ref[r])
            print('%s: %s the closed form of [Liu:2016mqv] (derivation note FORMULARY Part II §2.3)' % (names[r], 'equals' if diff == 0 else 'DIFFERS FROM'))
        else:
            print('%s:' % names[r])
        for (i, j), c in grouped(e).items():
            print('  s_A^%d u_A^%d : %s' % (i, j, c))


if __name__ == '__main__':
    main()
