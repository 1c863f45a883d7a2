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
    final double[][] rows; // second-stage rows: OP/LP [phi, phiLag, k, kLag, res]; ACF [phi, phiLag, l1, l2, k, l1Lag, l2Lag, kLag]
    final boolean acf;
    final double[] firstStage;

    DirectObjective(List<FirmYear> data, boolean acf) {
        this.acf = acf;
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
        for (int c = 0; c < p; c++) { // Gauss–Jordan with partial pivoting
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
        firstStage = new double[p];
        for (int c = 0; c < p; c++) {
            firstStage[c] = a[c][p] / a[c][c];
        }
        Map<String, double[]> byFirmYear = new HashMap<>();
        for (int i = 0; i < n; i++) {
            FirmYear r = data.get(i);
            double fitted = 0;
            for (int c = 0; c < p; c++) {
                fitted += x.get(i)[c] * firstStage[c];
            }
            double free = acf ? 0 : firstStage[1] * r.free()[0] + firstStage[2] * r.free()[1];
            byFirmYear.put(r.firm() + "/" + r.year(), new double[] {fitted - free, r.y() - free, r.free()[0], r.free()[1],
                    r.state()[0]});
        }
        List<double[]> out = new ArrayList<>();
        for (FirmYear r : data) {
            double[] now = byFirmYear.get(r.firm() + "/" + r.year());
            double[] lag = byFirmYear.get(r.firm() + "/" + (r.year() - 1));
            if (lag == null) {
                continue;
            }
            out.add(acf ? new double[] {now[0], lag[0], now[2], now[3], now[4], lag[2], lag[3], lag[4]}
                    : new double[] {now[0], lag[0], now[4], lag[4], now[1]});
        }
        rows = out.toArray(new double[0][]);
    }

    /** gOPLP: Σξ², ξ = res − kβ − P ĝ, ĝ the OLS of ω on P = [1, ω₋, ω₋², ω₋³]. */
    double opLp(double beta) {
        int n = rows.length;
        double[][] pp = new double[4][5];
        double[] omega = new double[n];
        double[][] pol = new double[n][];
        double[] lag = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows[i];
            omega[i] = r[0] - r[2] * beta;
            lag[i] = r[1] - r[3] * beta;
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
            double xi = r[4] - r[2] * beta;
            for (int j = 0; j < 4; j++) {
                xi -= pol[i][j] * g[j];
            }
            crit += xi * xi;
        }
        return crit;
    }

    /** Z′ξ with Z = [l1₋, l2₋, k] (gACF's moments). */
    double[] acfMoments(double[] theta) {
        int n = rows.length;
        double[] omega = new double[n];
        double[][] pol = new double[n][];
        double[] lag = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows[i];
            omega[i] = r[0] - r[2] * theta[0] - r[3] * theta[1] - r[4] * theta[2];
            lag[i] = r[1] - r[5] * theta[0] - r[6] * theta[1] - r[7] * theta[2];
        }
        standardise(lag);
        for (int i = 0; i < n; i++) {
            double ol = lag[i];
            pol[i] = new double[] {1, ol, ol * ol, ol * ol * ol};
        }
        double[] g = ols(pol, omega);
        double[] m = new double[3];
        for (int i = 0; i < n; i++) {
            double[] r = rows[i];
            double xi = omega[i];
            for (int j = 0; j < 4; j++) {
                xi -= pol[i][j] * g[j];
            }
            m[0] += r[5] * xi;
            m[1] += r[6] * xi;
            m[2] += r[4] * xi;
        }
        return m;
    }

    /** gACF: (Z′ξ)′ (Z′Z)⁻¹/N (Z′ξ). */
    double acf(double[] theta) {
        double[] m = acfMoments(theta);
        double[][] zz = new double[3][3];
        for (double[] r : rows) {
            double[] z = {r[5], r[6], r[4]};
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    zz[a][b] += z[a] * z[b];
                }
            }
        }
        double[][] aug = new double[3][4];
        for (int a = 0; a < 3; a++) {
            System.arraycopy(zz[a], 0, aug[a], 0, 3);
            aug[a][3] = m[a];
        }
        double[] w = gaussJordan(aug);
        return (m[0] * w[0] + m[1] * w[1] + m[2] * w[2]) / rows.length;
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

    private static double[] gaussJordan(double[][] a) {
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
