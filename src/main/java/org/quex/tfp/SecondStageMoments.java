package org.quex.tfp;

import java.io.Serializable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The second stage of OP, LP and ACF as sums over rows, so that one aggregation over the data
 * gives everything and the optimizer then runs without touching the data again.
 *
 * <p>Productivity is linear in the parameters: ω = v·a and ω₋ = u·a with a = (1, −θ), v = (φ̂,
 * inputs), u = their lags. The objective needs P′P (P = [1, ω₋, ω₋², ω₋³]), P′ω and, for
 * NLLS (OP/LP, target t = s·a with s = (y − wβ̂_w, k)), P′t and t′t; for GMM (ACF) Z′P, Z′ω and
 * Z′Z. Each is a contraction with a of a symmetric moment tensor: Σ u^{⊗6}, Σ u^{⊗3}⊗v,
 * Σ u^{⊗3}⊗s, Σ s⊗s, Σ z⊗u^{⊗3}, Σ z⊗v, Σ z⊗z. The vectors are stored homogeneous and centred,
 * ũ = (1, (u − c)/d), so that the degree-6 sums keep their digits and every lower power is a
 * degree-6 monomial with the leading 1; a maps to ã = (c·a, d∘a). See docs/tfp.md.
 */
public final class SecondStageMoments implements Serializable {
    private static final ConcurrentHashMap<Integer, Monomials> BASES = new ConcurrentHashMap<>();
    private static final int MAX_DEGREE = 6;

    /** Homogeneous dimension of u, v and s (1 + 1 + number of parameters). */
    final int dim;
    /** Number of instruments (0 for NLLS). */
    final int instruments;
    final boolean nlls;
    long rows;
    final Compensated uu;
    final Compensated uv;
    final Compensated us;
    final Compensated ss;
    final Compensated zu;
    final Compensated zv;
    final Compensated zz;

    SecondStageMoments(int parameters, boolean nlls, int instruments) {
        this.dim = parameters + 2;
        this.nlls = nlls;
        this.instruments = instruments;
        Monomials m = basis(dim);
        int c3 = m.count(3);
        uu = new Compensated(m.count(6));
        uv = new Compensated(c3 * dim);
        us = new Compensated(nlls ? c3 * dim : 0);
        ss = new Compensated(nlls ? dim * dim : 0);
        zu = new Compensated(instruments * c3);
        zv = new Compensated(instruments * dim);
        zz = new Compensated(instruments * instruments);
    }

    static Monomials basis(int dim) {
        return basis(dim, MAX_DEGREE);
    }

    /** The shared monomial tables of dim variables up to degree (≤ 6). */
    static Monomials basis(int dim, int degree) {
        return BASES.computeIfAbsent(dim * (MAX_DEGREE + 1) + degree, key -> new Monomials(dim, degree));
    }

    /** Adds one row with weight w; u, v, s are already homogeneous (leading 1), z raw. */
    void add(double w, double[] u, double[] v, double[] s, double[] z) {
        if (w == 0) {
            return;
        }
        Monomials m = basis(dim);
        rows++;
        double[] u6 = m.values(u, 6);
        for (int i = 0; i < u6.length; i++) {
            uu.add(i, w * u6[i]);
        }
        double[] u3 = m.values(u, 3);
        for (int i = 0; i < u3.length; i++) {
            double wu = w * u3[i];
            for (int j = 0; j < dim; j++) {
                uv.add(i * dim + j, wu * v[j]);
                if (nlls) {
                    us.add(i * dim + j, wu * s[j]);
                }
            }
        }
        if (nlls) {
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    ss.add(i * dim + j, w * s[i] * s[j]);
                }
            }
        }
        for (int k = 0; k < instruments; k++) {
            double wz = w * z[k];
            for (int i = 0; i < u3.length; i++) {
                zu.add(k * u3.length + i, wz * u3[i]);
            }
            for (int j = 0; j < dim; j++) {
                zv.add(k * dim + j, wz * v[j]);
            }
            for (int l = 0; l < instruments; l++) {
                zz.add(k * instruments + l, wz * z[l]);
            }
        }
    }

    SecondStageMoments merge(SecondStageMoments o) {
        rows += o.rows;
        uu.merge(o.uu);
        uv.merge(o.uv);
        us.merge(o.us);
        ss.merge(o.ss);
        zu.merge(o.zu);
        zv.merge(o.zv);
        zz.merge(o.zz);
        return this;
    }

    /** Sum of weights (the degree-6 power of the leading 1). */
    double weight() {
        return uu.value(0);
    }

    /** Where the homogeneous coordinates come from: ũ = (1, (x − centre)/scale). (Not a record: Kryo.) */
    static final class Frame implements Serializable {
        private final double[] centre;
        private final double[] scale;

        Frame(double[] centre, double[] scale) {
            this.centre = centre;
            this.scale = scale;
        }

        double[] homogeneous(double[] x) {
            double[] h = new double[x.length + 1];
            h[0] = 1;
            for (int j = 0; j < x.length; j++) {
                h[j + 1] = (x[j] - centre[j]) / scale[j];
            }
            return h;
        }

        /** ã with x·a = x̃·ã. */
        double[] map(double[] a) {
            double[] t = new double[a.length + 1];
            for (int j = 0; j < a.length; j++) {
                t[0] += centre[j] * a[j];
                t[j + 1] = scale[j] * a[j];
            }
            return t;
        }
    }

    /** Pieces of the objective at one parameter vector. */
    record Pieces(double[] ptp, double[] ptw, double[] g, double criterion, double[] zXi) {
    }

    /**
     * The objective at θ: Σξ² (NLLS) or (Z′ξ)′(Z′Z)⁻¹(Z′ξ)/N (GMM), with ĝ the OLS of ω on
     * [1, ω₋, ω₋², ω₋³] as in R prodest's gOPLP and gACF.
     *
     * @param uvFrame frame of u and v (same variables, current and lagged)
     * @param sFrame  frame of s (NLLS only)
     */
    Pieces evaluate(double[] theta, Frame uvFrame, Frame sFrame) {
        Monomials m = basis(dim);
        double[] uu = this.uu.values();
        double[] uv = this.uv.values();
        double[] us = this.us.values();
        double[] ss = this.ss.values();
        double[] zu = this.zu.values();
        double[] zv = this.zv.values();
        double[] zz = this.zz.values();
        double[] a = new double[theta.length + 1];
        a[0] = 1;
        for (int j = 0; j < theta.length; j++) {
            a[j + 1] = -theta[j];
        }
        double[] au = uvFrame.map(a);
        double[] e0 = new double[dim];
        e0[0] = 1;
        // g's basis is [1, ω₋, ω₋², ω₋³] in R; the same span with ω₋ standardised, (ω₋ − μ)/σ,
        // gives the same ξ with a well-conditioned P′P (raw powers of ω₋ ≈ 10 are not)
        double p0 = uu[0];
        double p1 = Monomials.dot(uu, 0, m.product(forms(au, e0, 1, 6)));
        double p2 = Monomials.dot(uu, 0, m.product(forms(au, e0, 2, 6)));
        double mu = p1 / p0;
        double sigma = Math.sqrt(Math.max(p2 / p0 - mu * mu, 0));
        if (!(sigma > 0)) {
            sigma = 1;
        }
        double[] lag = au.clone();
        lag[0] -= mu;
        for (int j = 0; j < dim; j++) {
            lag[j] /= sigma;
        }
        double[] p = new double[7];
        for (int n = 0; n <= 6; n++) {
            p[n] = Monomials.dot(uu, 0, m.product(forms(lag, e0, n, 6)));
        }
        double[] ptp = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                ptp[i * 4 + j] = p[i + j];
            }
        }
        double[][] c3 = new double[4][];
        for (int i = 0; i < 4; i++) {
            c3[i] = m.product(forms(lag, e0, i, 3));
        }
        double[] ptw = new double[4];
        for (int i = 0; i < 4; i++) {
            ptw[i] = contractCross(uv, c3[i], au);
        }
        double[] g = Dense.solve(ptp, 4, ptw);
        double criterion;
        double[] zXi = null;
        if (nlls) {
            // t centred (t − t̄) and ĝ's constant shifted by t̄ give the same ξ (P has a constant
            // column) without the cancellation of Σt² ≫ Σξ²
            double[] as = sFrame.map(a);
            double tMean = 0;
            for (int j = 0; j < dim; j++) {
                tMean += ss[j] * as[j];
            }
            tMean /= ss[0];
            as[0] -= tMean;
            g = g.clone();
            g[0] -= tMean;
            double[] pts = new double[4];
            for (int i = 0; i < 4; i++) {
                pts[i] = contractCross(us, c3[i], as);
            }
            double tt = 0;
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    tt += as[i] * ss[i * dim + j] * as[j];
                }
            }
            double gPg = 0;
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    gPg += g[i] * ptp[i * 4 + j] * g[j];
                }
            }
            criterion = tt - 2 * dotv(g, pts) + gPg;
        } else {
            int c3n = c3[0].length;
            zXi = new double[instruments];
            for (int k = 0; k < instruments; k++) {
                double zw = 0;
                for (int j = 0; j < dim; j++) {
                    zw += zv[k * dim + j] * au[j];
                }
                double zp = 0;
                for (int i = 0; i < 4; i++) {
                    zp += Monomials.dot(zu, k * c3n, c3[i]) * g[i];
                }
                zXi[k] = zw - zp;
            }
            double[] wz = Dense.solve(zz, instruments, zXi);
            criterion = dotv(zXi, wz) / weight();
        }
        return new Pieces(ptp, ptw, g, criterion, zXi);
    }

    double[] zz() {
        return zz.values();
    }

    /** Σ_α Σ_j cross[α·dim + j]·c[α]·b[j]. */
    private double contractCross(double[] cross, double[] c, double[] b) {
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            if (c[i] == 0) {
                continue;
            }
            double inner = 0;
            for (int j = 0; j < dim; j++) {
                inner += cross[i * dim + j] * b[j];
            }
            s += c[i] * inner;
        }
        return s;
    }

    private static double[][] forms(double[] a, double[] e0, int copiesOfA, int degree) {
        double[][] f = new double[degree][];
        for (int k = 0; k < degree; k++) {
            f[k] = k < copiesOfA ? a : e0;
        }
        return f;
    }

    private static double dotv(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
