package org.quex.tfp;

import java.util.function.Function;

/**
 * Quasi-Newton minimisation of a smooth objective of a few parameters that is cheap to evaluate
 * (the moment contraction, no data pass): BFGS with central-difference gradients and a
 * backtracking line search, as R's optim(method = "BFGS") that prodest calls, but run to
 * tight tolerances since evaluations cost nothing. Hand-written to keep the dependency list as it
 * is; the objectives here have 1–5 parameters.
 */
final class Minimizer {
    private Minimizer() {
    }

    record Result(double[] x, double value, int iterations, int evaluations, boolean converged) {
    }

    static Result bfgs(Function<double[], Double> f, double[] x0, int maxIterations) {
        int k = x0.length;
        int[] evaluations = {0};
        Function<double[], Double> counted = x -> {
            evaluations[0]++;
            return f.apply(x);
        };
        double[] x = x0.clone();
        double fx = counted.apply(x);
        double[] g = gradient(counted, x);
        double[] h = identity(k);
        boolean converged = false;
        int it = 0;
        while (it < maxIterations) {
            it++;
            double[] d = new double[k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    d[i] -= h[i * k + j] * g[j];
                }
            }
            double slope = dot(d, g);
            if (!(slope < 0)) { // not a descent direction: restart from the gradient
                h = identity(k);
                for (int i = 0; i < k; i++) {
                    d[i] = -g[i];
                }
                slope = -dot(g, g);
                if (slope == 0) {
                    converged = true;
                    break;
                }
            }
            double step = 1;
            double[] xn = null;
            double fn = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 60; ls++) {
                xn = new double[k];
                for (int i = 0; i < k; i++) {
                    xn[i] = x[i] + step * d[i];
                }
                fn = counted.apply(xn);
                if (Double.isFinite(fn) && fn <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                converged = true; // no decrease possible at this precision: a minimum
                break;
            }
            double[] gn = gradient(counted, xn);
            double[] s = new double[k];
            double[] y = new double[k];
            double maxStep = 0;
            for (int i = 0; i < k; i++) {
                s[i] = xn[i] - x[i];
                y[i] = gn[i] - g[i];
                maxStep = Math.max(maxStep, Math.abs(s[i]) / Math.max(1, Math.abs(x[i])));
            }
            double change = fx - fn;
            x = xn;
            g = gn;
            double fOld = fx;
            fx = fn;
            if (maxStep < 1e-13 || change <= 1e-16 * Math.abs(fOld) || fx == 0) {
                converged = true;
                break;
            }
            double sy = dot(s, y);
            if (sy > 0) {
                double[] hy = new double[k];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        hy[i] += h[i * k + j] * y[j];
                    }
                }
                double yhy = dot(y, hy);
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        h[i * k + j] += ((sy + yhy) * s[i] * s[j]) / (sy * sy) - (hy[i] * s[j] + s[i] * hy[j]) / sy;
                    }
                }
            }
        }
        return new Result(x, fx, it, evaluations[0], converged);
    }

    static double[] gradient(Function<double[], Double> f, double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double h = 1e-4 * Math.max(1, Math.abs(x[i])); // evaluation noise ~1e-13·f, truncation ~h²·f‴
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += h;
            m[i] -= h;
            g[i] = (f.apply(p) - f.apply(m)) / (2 * h);
        }
        return g;
    }

    private static double[] identity(int k) {
        double[] h = new double[k * k];
        for (int i = 0; i < k; i++) {
            h[i * k + i] = 1;
        }
        return h;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
