package org.quex.tfp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The OP/LP and ACF objectives of R prodest (gOPLP, gACF) evaluated row by row, written apart from
 * the estimator: its own first stage (normal equations by Gauss–Jordan), its own polynomial (the
 * terms of R's model.matrix(~.^2 - 1) plus squares), its own lags (a map of (firm, year)).
 */
final class DirectObjective {
    // second-stage rows: OP/LP [phi, phiLag, k, kLag, res, m, mLag]; ACF [phi, phiLag, l1, l2, k, l1Lag, l2Lag, kLag, m, mLag]
    final double[][] rows;
    final boolean acf;
    /** Gross output: m (the proxy) is an input, its elasticity the last parameter; ACF adds m₋ to Z. */
    final boolean grossOutput;
    final double[] firstStage;

    DirectObjective(List<FirmYear> data, boolean acf) {
        this(data, acf, false);
    }

    DirectObjective(List<FirmYear> data, boolean acf, boolean grossOutput) {
        this.acf = acf;
        this.grossOutput = grossOutput;
        int n = data.size();
        List<double[]> x = new ArrayList<>();
        for (FirmYear r : data) {
            double k = r.state()[0];
            double m = r.proxy();
            double l1 = r.free()[0];
            double l2 = r.free()[1];
            if (acf) { // (l1, l2, k, m): linear, pairwise products, squares
                double[] v = {l1, l2, k, m};
                List<Double> t = new ArrayList<>();
                t.add(1.0);
                for (double a : v) {
                    t.add(a);
                }
                for (int i = 0; i < 4; i++) {
                    for (int j = i + 1; j < 4; j++) {
                        t.add(v[i] * v[j]);
                    }
                }
                for (double a : v) {
                    t.add(a * a);
                }
                x.add(t.stream().mapToDouble(Double::doubleValue).toArray());
            } else {
                x.add(new double[] {1, l1, l2, k, m, k * m, k * k, m * m});
            }
        }
        int p = x.get(0).length;
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < n; i++) {
            double[] xi = x.get(i);
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    a[r][c] += xi[r] * xi[c];
                }
                a[r][p] += xi[r] * data.get(i).y();
            }
        }
        firstStage = gaussJordan(a);
        Map<String, double[]> byFirmYear = new HashMap<>();
        for (int i = 0; i < n; i++) {
            FirmYear r = data.get(i);
            double fitted = 0;
            for (int c = 0; c < p; c++) {
                fitted += x.get(i)[c] * firstStage[c];
            }
            double free = acf ? 0 : firstStage[1] * r.free()[0] + firstStage[2] * r.free()[1];
            byFirmYear.put(r.firm() + "/" + r.year(), new double[] {fitted - free, r.y() - free, r.free()[0], r.free()[1],
                    r.state()[0], r.proxy()});
        }
        List<double[]> out = new ArrayList<>();
        for (FirmYear r : data) {
            double[] now = byFirmYear.get(r.firm() + "/" + r.year());
            double[] lag = byFirmYear.get(r.firm() + "/" + (r.year() - 1));
            if (lag == null) {
                continue;
            }
            out.add(acf ? new double[] {now[0], lag[0], now[2], now[3], now[4], lag[2], lag[3], lag[4], now[5], lag[5]}
                    : new double[] {now[0], lag[0], now[4], lag[4], now[1], now[5], lag[5]});
        }
        rows = out.toArray(new double[0][]);
    }

    /** gOPLP: Σξ², ξ = res − kβ − P ĝ, ĝ the OLS of ω on P = [1, ω₋, ω₋², ω₋³]. */
    double opLp(double beta) {
        return opLp(new double[] {beta});
    }

    /** gOPLP (Stata foplp) with β = (β_k) or, gross output, (β_k, β_m): ω = φ − kβ_k − mβ_m. */
    double opLp(double[] beta) {
        int n = rows.length;
        double[] omega = new double[n];
        double[][] pol = new double[n][];
        double[] lag = new double[n];
        double[] input = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows[i];
            input[i] = r[2] * beta[0] + (grossOutput ? r[5] * beta[1] : 0);
            omega[i] = r[0] - input[i];
            lag[i] = r[1] - r[3] * beta[0] - (grossOutput ? r[6] * beta[1] : 0);
        }
        standardise(lag);
        for (int i = 0; i < n; i++) {
            double ol = lag[i];
            pol[i] = new double[] {1, ol, ol * ol, ol * ol * ol};
        }
        double[] g = ols(pol, omega);
        double crit = 0;
        for (int i = 0; i < n; i++) {
            double[] r = rows[i];
            double xi = r[4] - input[i];
            for (int j = 0; j < 4; j++) {
                xi -= pol[i][j] * g[j];
            }
            crit += xi * xi;
        }
        return crit;
    }

    /** Z′ξ with Z = [l1₋, l2₋, k] (gACF's moments); gross output: θ ends with β_m and Z with m₋. */
    double[] acfMoments(double[] theta) {
        int n = rows.length;
        double[] omega = new double[n];
        double[][] pol = new double[n][];
        double[] lag = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows[i];
            omega[i] = r[0] - r[2] * theta[0] - r[3] * theta[1] - r[4] * theta[2] - (grossOutput ? r[8] * theta[3] : 0);
            lag[i] = r[1] - r[5] * theta[0] - r[6] * theta[1] - r[7] * theta[2] - (grossOutput ? r[9] * theta[3] : 0);
        }
        standardise(lag);
        for (int i = 0; i < n; i++) {
            double ol = lag[i];
            pol[i] = new double[] {1, ol, ol * ol, ol * ol * ol};
        }
        double[] g = ols(pol, omega);
        double[] m = new double[grossOutput ? 4 : 3];
        for (int i = 0; i < n; i++) {
            double[] r = rows[i];
            double xi = omega[i];
            for (int j = 0; j < 4; j++) {
                xi -= pol[i][j] * g[j];
            }
            double[] z = instruments(r);
            for (int a = 0; a < m.length; a++) {
                m[a] += z[a] * xi;
            }
        }
        return m;
    }

    private double[] instruments(double[] r) {
        return grossOutput ? new double[] {r[5], r[6], r[4], r[9]} : new double[] {r[5], r[6], r[4]};
    }

    /** gACF: (Z′ξ)′ (Z′Z)⁻¹/N (Z′ξ). */
    double acf(double[] theta) {
        double[] m = acfMoments(theta);
        int k = m.length;
        double[][] aug = new double[k][k + 1];
        for (double[] r : rows) {
            double[] z = instruments(r);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    aug[a][b] += z[a] * z[b];
                }
            }
        }
        for (int a = 0; a < k; a++) {
            aug[a][k] = m[a];
        }
        double[] w = gaussJordan(aug);
        double c = 0;
        for (int a = 0; a < k; a++) {
            c += m[a] * w[a];
        }
        return c / rows.length;
    }

    /**
     * (x − mean)/sd in place: the cubic in ω₋ spans the same functions, and its normal equations
     * stay well conditioned (R's raw powers of ω₋ ≈ 10 lose about 8 digits).
     */
    private static void standardise(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / x.length);
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - mean) / sd;
        }
    }

    private static double[] ols(double[][] x, double[] y) {
        int p = x[0].length;
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < x.length; i++) {
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    a[r][c] += x[i][r] * x[i][c];
                }
                a[r][p] += x[i][r] * y[i];
            }
        }
        return gaussJordan(a);
    }

    static double[] gaussJordan(double[][] a) {
        int p = a.length;
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = 0; r < p; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int j = c; j <= p; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[] x = new double[p];
        for (int c = 0; c < p; c++) {
            x[c] = a[c][p] / a[c][c];
        }
        return x;
    }

    /**
     * One Newton step on the direct objective from x (gradient and Hessian by central differences):
     * where the objective is locally quadratic, x minus this is how far x is from its minimum.
     */
    static double[] newtonStep(java.util.function.ToDoubleFunction<double[]> f, double[] x) {
        int k = x.length;
        double[] g = new double[k];
        double[][] h = new double[k][k + 1];
        double eps = 1e-4;
        for (int a = 0; a < k; a++) {
            g[a] = (f.applyAsDouble(shifted(x, a, eps, a, 0)) - f.applyAsDouble(shifted(x, a, -eps, a, 0))) / (2 * eps);
            for (int b = 0; b < k; b++) {
                h[a][b] = (f.applyAsDouble(shifted(x, a, eps, b, eps)) - f.applyAsDouble(shifted(x, a, eps, b, -eps))
                        - f.applyAsDouble(shifted(x, a, -eps, b, eps)) + f.applyAsDouble(shifted(x, a, -eps, b, -eps)))
                        / (4 * eps * eps);
            }
        }
        for (int a = 0; a < k; a++) {
            h[a][k] = g[a];
        }
        return gaussJordan(h);
    }

    private static double[] shifted(double[] x, int a, double da, int b, double db) {
        double[] y = x.clone();
        y[a] += da;
        y[b] += db;
        return y;
    }

    /** Golden-section minimum of opLp on [lo, hi] to 1e-10. */
    double argminOpLp(double lo, double hi) {
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        double c = b - phi * (b - a);
        double d = a + phi * (b - a);
        double fc = opLp(c);
        double fd = opLp(d);
        while (b - a > 1e-10) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - phi * (b - a);
                fc = opLp(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + phi * (b - a);
                fd = opLp(d);
            }
        }
        return (a + b) / 2;
    }
}
