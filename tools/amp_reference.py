#!/usr/bin/python3
"""High-precision reference values of T_X for tests/test_amp.c.

T_X = (1/2) sum_{spins, pol} |ubar(p') O_X u(p)|^2 (include/darkreach/amp.h),
evaluated here with 60-digit arithmetic (mpmath), explicit Dirac matrices and
the polarisation tensor -g + k k/m_X^2, from the ETL mapping variables
(E, m_l, m_X, M, E_X, theta, t, phi) of src/xsec/etl_kin.c: the X momentum at
polar angle theta in the x-z plane, the recoil momentum |P'| = sqrt(t + t^2/4M^2)
at the angle to Q = p - k fixed by the on-shell condition of p', azimuth phi
about Q. Nothing here is shared with the C code: it is the definition of T_X
evaluated by brute force, where 60 digits make every cancellation harmless.

Run with Debian's interpreter (python3-mpmath): /usr/bin/python3 tools/amp_reference.py
It prints the rows of the table in tests/test_amp.c; with --spin2, those of the spin-2 table.
"""
import mpmath as mp

mp.mp.dps = 60
ME, MMU, AMU = mp.mpf('0.51099895000e-3'), mp.mpf('0.1056583755'), mp.mpf('0.93149410242')

# chiral representation, metric (+,-,-,-)
I2, Z2 = mp.eye(2), mp.zeros(2)
SIG = [mp.matrix([[0, 1], [1, 0]]), mp.matrix([[0, -1j], [1j, 0]]), mp.matrix([[1, 0], [0, -1]])]


def block(a, b, c, d):
    m = mp.zeros(4)
    for i in range(2):
        for j in range(2):
            m[i, j], m[i, j + 2], m[i + 2, j], m[i + 2, j + 2] = a[i, j], b[i, j], c[i, j], d[i, j]
    return m


G = [block(Z2, I2, I2, Z2)] + [block(Z2, s, -s, Z2) for s in SIG]
G5 = 1j * G[0] * G[1] * G[2] * G[3]
ONE = mp.eye(4)
METRIC = [1, -1, -1, -1]


def slash(v):
    return sum((METRIC[i] * v[i] * G[i] for i in range(4)), mp.zeros(4))


def dot(a, b):
    return a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3]


def bar(m):
    return G[0] * m.H * G[0]


def kinematics(E, ml, mX, M, EX, th, t, phi):
    pz, kk = mp.sqrt(E * E - ml * ml), mp.sqrt(EX * EX - mX * mX)
    k = [EX, kk * mp.sin(th), 0, kk * mp.cos(th)]
    Qx, Qz = -k[1], pz - k[3]
    Q = mp.sqrt(Qx ** 2 + Qz ** 2)
    uA = mX * mX - 2 * dot([E, 0, 0, pz], k)
    Pp = mp.sqrt(t + t * t / (4 * M * M))
    c = ((E - EX + M) * t / (2 * M) - uA / 2) / (Q * Pp)  # p'^2 = m^2
    s = mp.sqrt(1 - c * c)
    nx, nz = Qx / Q, Qz / Q
    P3 = [Pp * (c * nx + s * mp.cos(phi) * nz), Pp * s * mp.sin(phi), Pp * (c * nz - s * mp.cos(phi) * nx)]
    PP = [mp.sqrt(M * M + Pp * Pp)] + P3
    p, P = [E, 0, 0, pz], [M, 0, 0, 0]
    pp = [p[i] + P[i] - k[i] - PP[i] for i in range(4)]
    return p, pp, k, P, PP


def vertex(rule, e, k):
    es, ks = slash(e), slash(k)
    ek = dot(e, k)
    md = 1j * (es * ks - ek * ONE)
    cr = dot(k, k) * es - ek * ks
    return {'vector': es, 'axial': es * G5, 'scalar': ONE, 'pseudoscalar': G5, 'magnetic_dipole': md,
            'electric_dipole': md * G5, 'charge_radius': cr, 'anapole': cr * G5}[rule]


def T(rule, args):
    E, ml, mX, M, EX, th, t, phi = [mp.mpf(x) for x in args]
    p, pp, k, P, PP = kinematics(E, ml, mX, M, EX, th, t, phi)
    Pt = [P[i] + PP[i] for i in range(4)]
    sA, uA = 2 * dot(pp, k) + mX * mX, mX * mX - 2 * dot(p, k)
    L, R = slash(pp) + ml * ONE, slash(p) + ml * ONE

    def O(e):
        Gm = vertex(rule, e, k)
        return Gm * (slash(pp) + slash(k) + ml * ONE) * slash(Pt) / sA + slash(Pt) * (slash(p) - slash(k) + ml * ONE) * Gm / uA

    if rule in ('scalar', 'pseudoscalar'):
        Om = O([0, 0, 0, 0])
        return mp.re(sum((L * Om * R * bar(Om))[i, i] for i in range(4))) / 2
    basis = [[1 if i == mu else 0 for i in range(4)] for mu in range(4)]
    Os = [O(b) for b in basis]  # O with eps^mu = unit vector: O_mu (lower index)
    tot = 0
    for mu in range(4):
        for nu in range(4):
            pol = (-METRIC[mu] if mu == nu else 0) + k[mu] * k[nu] / (mX * mX)
            if pol == 0:
                continue
            # eps^mu eps^nu* -> pol^{mu nu}; O_mu carries eps^mu through slash(e) with e^mu = 1 -> gamma_mu
            tot += pol * sum((L * Os[mu] * R * bar(Os[nu]))[i, i] for i in range(4))
    return mp.re(tot) / 2


def spin2_tensors(k, mX):
    """the five polarisation tensors eps^{mu nu} of a massive spin-2 particle of momentum k: products of
    the helicity basis of a massive vector (two transverse, one longitudinal (|k|, E n)/m), combined into
    the real, symmetric, traceless combinations"""
    kk = mp.sqrt(k[1] ** 2 + k[2] ** 2 + k[3] ** 2)
    n = [k[i] / kk for i in (1, 2, 3)]
    # a transverse pair from the angles of n (not the C code's construction)
    th, ph = mp.acos(n[2]), mp.atan2(n[1], n[0])
    e1 = [0, mp.cos(th) * mp.cos(ph), mp.cos(th) * mp.sin(ph), -mp.sin(th)]
    e2 = [0, -mp.sin(ph), mp.cos(ph), 0]
    e3 = [kk / mX] + [k[0] / mX * x for x in n]

    def o(a, b):
        return [[a[i] * b[j] for j in range(4)] for i in range(4)]

    def comb(*terms):
        return [[sum(c * t[i][j] for c, t in terms) for j in range(4)] for i in range(4)]

    r2, r6 = 1 / mp.sqrt(2), 1 / mp.sqrt(6)
    return [comb((r2, o(e1, e1)), (-r2, o(e2, e2))), comb((r2, o(e1, e2)), (r2, o(e2, e1))),
            comb((r2, o(e1, e3)), (r2, o(e3, e1))), comb((r2, o(e2, e3)), (r2, o(e3, e2))),
            comb((r6, o(e1, e1)), (r6, o(e2, e2)), (-2 * r6, o(e3, e3)))]


def T_spin2(args):
    """T_G of the spin-2 rule (src/phys/amp/amp_spin2.c): the s- and u-channel G l l vertices, the
    G l l gamma contact vertex and the photon-fusion diagram, with the nucleus current Ptilde as the
    photon's polarisation; plain propagators, no Dirac-equation rewriting"""
    E, ml, mX, M, EX, th, t, phi = [mp.mpf(x) for x in args]
    p, pp, k, P, PP = kinematics(E, ml, mX, M, EX, th, t, phi)
    Pt = [P[i] + PP[i] for i in range(4)]
    q = [P[i] - PP[i] for i in range(4)]
    q1 = [p[i] - pp[i] for i in range(4)]
    sA, uA, q1sq = 2 * dot(pp, k) + mX * mX, mX * mX - 2 * dot(p, k), dot(q1, q1)
    L, R = slash(pp) + ml * ONE, slash(p) + ml * ONE

    def w(T, v):
        return [sum(T[m][n] * METRIC[n] * v[n] for n in range(4)) for m in range(4)]

    tot = 0
    for T in spin2_tensors(k, mX):
        vs, vu = [2 * pp[i] + k[i] for i in range(4)], [2 * p[i] - k[i] for i in range(4)]
        O = (slash(w(T, vs)) * (slash(pp) + slash(k) + ml * ONE) * slash(Pt) / sA +
             slash(Pt) * (slash(p) - slash(k) + ml * ONE) * slash(w(T, vu)) / uA) / 2 - slash(w(T, Pt))
        X = [dot(q, w(T, q1)) * Pt[i] + dot(q, q1) * w(T, Pt)[i] - dot(Pt, q1) * w(T, q)[i] - dot(Pt, w(T, q1)) * q[i]
             for i in range(4)]
        O = O - 2 / q1sq * slash(X)
        tot += sum((L * O * R * bar(O))[i, i] for i in range(4))
    return mp.re(tot) / 2


RULES = ['vector', 'axial', 'scalar', 'pseudoscalar', 'magnetic_dipole', 'electric_dipole', 'charge_radius', 'anapole']


def points():
    """(E, m_l, m_X, A, x, theta/theta_c, position of t in [t_lo, t_hi] (log), phi)"""
    return [
        (100, 'e', 0.001, 207.2, 0.9, 1.0, 0.0, 0.7), (100, 'e', 0.001, 207.2, 0.3, 3.0, 1e-3, 2.4),
        (100, 'e', 0.001, 207.2, 0.999, 0.2, 0.5, 1.1),
        (8, 'e', 1.0, 183.84, 0.95, 1.0, 0.01, 0.3), (8, 'e', 1.0, 183.84, 0.5, 2.0, 0.4, 2.9),
        (160, 'mu', 0.01, 207.2, 0.8, 1.0, 0.001, 1.9), (160, 'mu', 0.01, 207.2, 0.05, 10.0, 0.3, 0.2),
    ]


def t_range(E, ml, mX, M, EX, th):
    # the roots of the on-shell condition |cos| = 1 (src/xsec/etl_kin.c t_range, derived anew)
    pz, kk = mp.sqrt(E * E - ml * ml), mp.sqrt(EX * EX - mX * mX)
    El = E - EX
    Q2 = (pz - kk * mp.cos(th)) ** 2 + (kk * mp.sin(th)) ** 2
    uA = mX * mX - 2 * (E * EX - pz * kk * mp.cos(th))
    # ((El+M) t/2M - uA/2)^2 = Q2 (t + t^2/4M^2)
    A = ((El + M) / (2 * M)) ** 2 - Q2 / (4 * M * M)
    B = -(El + M) * uA / (2 * M) - Q2
    C = uA * uA / 4
    d = mp.sqrt(B * B - 4 * A * C)
    return sorted([(-B - d) / (2 * A), (-B + d) / (2 * A)])


def main(spin2=False):
    for (E, lep, mX, A, x, thr, tpos, phi) in points():
        E, mX, ml = mp.mpf(E), mp.mpf(mX), ME if lep == 'e' else MMU
        M = mp.mpf(A) * AMU
        EX = x * E
        U = mX * mX * (1 - x) / x + ml * ml * x
        th = thr * mp.sqrt(U / (E * E * x))
        lo, hi = t_range(E, ml, mX, M, EX, th)
        t = lo * (hi / lo) ** tpos * (1 + mp.mpf('1e-6'))  # 1e-6 inside the edge
        args = [float(v) for v in (E, ml, mX, M, EX, th, t, phi)]
        if spin2:
            print('    {{%s}, %s},' % (', '.join(repr(v) for v in args), mp.nstr(T_spin2(args), 17)))
            continue
        vals = [T(r, args) for r in RULES]
        print('    {{%s}, {%s}},' % (', '.join(repr(v) for v in args), ', '.join(mp.nstr(v, 17) for v in vals)))


if __name__ == '__main__':
    import sys
    main('--spin2' in sys.argv)
