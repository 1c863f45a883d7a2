package org.quex.tfp;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quex.QuexException;

/**
 * OLS, Olley–Pakes, Levinsohn–Petrin, Ackerberg–Caves–Frazer and Wooldridge production functions
 * as R prodest 1.0.1 computes them (docs/tfp.md gives the algorithms and citations), written as
 * at most two passes of sums over firm-years so that the same code runs on a list (here) and on
 * Spark partitions (TfpSpark):
 * <ol>
 * <li>pass 1, {@link FirstStage}: the cross-products of the first-stage regression (OLS: the
 * whole model), per bootstrap replicate;</li>
 * <li>pass 2, {@link SecondStage}: over rows whose firm has the year before, the moment tensors
 * of {@link SecondStageMoments} (OP/LP/ACF) or the stacked IV cross-products (WRDG), per
 * replicate;</li>
 * <li>{@link #finish}: the optimizer on the driver, no data.</li>
 * </ol>
 * Rows must come sorted by (firm, year) so that a row's lag is the row before it.
 */
public final class TfpEstimator implements Serializable {
    private static final double ALIAS_TOLERANCE = 1e-10;
    private final TfpSpec spec;
    private final int nFree;
    private final int nState;
    /** 1 when gross output makes the proxy an input (its elasticity estimated with the state's), else 0. */
    private final int nProxy;

    public TfpEstimator(TfpSpec spec) {
        this.spec = spec;
        this.nFree = spec.free().size();
        this.nState = spec.state().size();
        this.nProxy = spec.proxyInFunction() ? 1 : 0;
    }

    /** Parameters of the second stage: OP/LP the state inputs (and the proxy); ACF all elasticities. */
    int secondStageParameters() {
        return (spec.method() == Method.ACF ? nFree : 0) + nState + nProxy;
    }

    /** The proxy as an input (gross output), or nothing. */
    private double[] proxyInput(FirmYear r) {
        return nProxy == 0 ? new double[0] : new double[] {r.proxy()};
    }

    public TfpSpec spec() {
        return spec;
    }

    /** Data passes the method needs (OLS and WRDG: one; OP/LP/ACF: two). */
    public int passes() {
        return spec.method() == Method.OLS || spec.method() == Method.WRDG ? 1 : 2;
    }

    /** Whether pass 1 is a first stage (false: WRDG, whose only pass is the second). */
    public boolean hasFirstStage() {
        return spec.method() != Method.WRDG;
    }

    /** Estimates from rows sorted by (firm, year), on this machine. */
    public TfpResult estimate(List<FirmYear> rows) {
        checkSorted(rows);
        FirstStage first = null;
        FirstStageFit fit = null;
        if (hasFirstStage()) {
            first = newFirstStage();
            for (FirmYear r : rows) {
                first.add(r);
            }
            if (spec.method() == Method.OLS) {
                return finishOls(first);
            }
            fit = solve(first);
            if (fit.note != null) {
                return TfpResult.skipped(spec, first.rows, 0, passes(), fit.note);
            }
        }
        SecondStage second = newSecondStage(fit);
        FirmYear previous = null;
        for (FirmYear r : rows) {
            second.add(r, previous);
            previous = r;
        }
        return finish(first == null ? rows.size() : first.rows, fit, second);
    }

    static void checkSorted(List<FirmYear> rows) {
        for (int i = 1; i < rows.size(); i++) {
            FirmYear a = rows.get(i - 1);
            FirmYear b = rows.get(i);
            int c = a.firm().compareTo(b.firm());
            if (c > 0 || (c == 0 && a.year() >= b.year())) {
                throw new QuexException("TFP rows are not sorted by (firm, year) or repeat a firm-year: " + a.firm()
                        + " " + a.year() + " then " + b.firm() + " " + b.year());
            }
        }
    }

    // ---------------------------------------------------------------- pass 1

    /** First-stage regressors (with the constant first). */
    double[] firstStageRow(FirmYear r) {
        return switch (spec.method()) {
            case OLS -> concat(new double[] {1}, r.free(), r.state(), proxyInput(r));
            case OP, LP -> concat(new double[] {1}, r.free(), polynomial(concat(r.state(), new double[] {r.proxy()})));
            case ACF -> concat(new double[] {1}, polynomial(concat(r.free(), r.state(), new double[] {r.proxy()})));
            case WRDG -> throw new IllegalStateException("WRDG has no first stage");
        };
    }

    /** Every monomial of degree 1..degree of x (full polynomial, no constant), lowest degree first. */
    double[] polynomial(double[] x) {
        Monomials m = SecondStageMoments.basis(x.length, spec.degree());
        double[] out = new double[polynomialTerms(x.length)];
        int at = 0;
        for (int n = 1; n <= spec.degree(); n++) {
            double[] v = m.values(x, n);
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    int polynomialTerms(int variables) {
        Monomials m = SecondStageMoments.basis(variables, spec.degree());
        int k = 0;
        for (int n = 1; n <= spec.degree(); n++) {
            k += m.count(n);
        }
        return k;
    }

    int firstStageColumns() {
        return switch (spec.method()) {
            case OLS -> 1 + nFree + nState + nProxy;
            case OP, LP -> 1 + nFree + polynomialTerms(nState + 1);
            case ACF -> 1 + polynomialTerms(nFree + nState + 1);
            case WRDG -> 0;
        };
    }

    public FirstStage newFirstStage() {
        return new FirstStage(firstStageColumns() + 1, spec.replicates());
    }

    /** Cross-products of [first-stage regressors, y], one matrix per replicate (0 = the data). */
    public final class FirstStage implements Serializable {
        final int k;
        final Compensated[] gram;
        long rows;

        FirstStage(int k, int replicates) {
            this.k = k;
            gram = new Compensated[replicates + 1];
            for (int rep = 0; rep <= replicates; rep++) {
                gram[rep] = new Compensated(k * k);
            }
        }

        public void add(FirmYear r) {
            double[] x = Arrays.copyOf(firstStageRow(r), k);
            x[k - 1] = r.y();
            rows++;
            for (int rep = 0; rep < gram.length; rep++) {
                double w = ReplicateWeights.weight(r.firm(), rep, spec.seed());
                if (w == 0) {
                    continue;
                }
                Compensated g = gram[rep];
                for (int i = 0; i < k; i++) {
                    double wx = w * x[i];
                    for (int j = i; j < k; j++) {
                        g.add(i * k + j, wx * x[j]);
                    }
                }
            }
        }

        public FirstStage merge(FirstStage o) {
            rows += o.rows;
            for (int rep = 0; rep < gram.length; rep++) {
                gram[rep].merge(o.gram[rep]);
            }
            return this;
        }

        double[] full(int rep) {
            double[] g = gram[rep].values();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < i; j++) {
                    g[i * k + j] = g[j * k + i];
                }
            }
            return g;
        }

        /** OLS of the last column on the others (aliased columns get 0 and are listed). */
        double[] ols(int rep, boolean[] aliasedOut) {
            double[] g = full(rep);
            int p = k - 1;
            double[] xx = new double[p * p];
            double[] xy = new double[p];
            for (int i = 0; i < p; i++) {
                System.arraycopy(g, i * k, xx, i * p, p);
                xy[i] = g[i * k + p];
            }
            boolean[] aliased = Dense.aliased(xx, p, ALIAS_TOLERANCE);
            if (aliasedOut != null) {
                System.arraycopy(aliased, 0, aliasedOut, 0, p);
            }
            int[] kept = java.util.stream.IntStream.range(0, p).filter(i -> !aliased[i]).toArray();
            double[] sub = new double[kept.length * kept.length];
            double[] rhs = new double[kept.length];
            for (int a = 0; a < kept.length; a++) {
                for (int b = 0; b < kept.length; b++) {
                    sub[a * kept.length + b] = xx[kept[a] * p + kept[b]];
                }
                rhs[a] = xy[kept[a]];
            }
            double[] bk = Dense.solve(sub, kept.length, rhs);
            double[] b = new double[p];
            for (int a = 0; a < kept.length; a++) {
                b[kept[a]] = bk[a];
            }
            return b;
        }

        double mean(int column) {
            return gram[0].value(column) / gram[0].value(0);
        }

        double sd(int column) {
            double m = mean(column);
            double v = gram[0].value(column * k + column) / gram[0].value(0) - m * m;
            return v > 0 ? Math.sqrt(v) : 1;
        }
    }

    /** The first stage solved per replicate, and the frames that centre the second-stage vectors. */
    public static final class FirstStageFit implements Serializable {
        final double[][] coefficients;
        final SecondStageMoments.Frame uv;
        final SecondStageMoments.Frame s;
        final double[] zScale;
        final String note;

        FirstStageFit(double[][] coefficients, SecondStageMoments.Frame uv, SecondStageMoments.Frame s, double[] zScale,
                      String note) {
            this.coefficients = coefficients;
            this.uv = uv;
            this.s = s;
            this.zScale = zScale;
            this.note = note;
        }
    }

    public FirstStageFit solve(FirstStage first) {
        int p = first.k - 1;
        if (first.rows <= p) {
            return new FirstStageFit(null, null, null, null, "fewer rows (" + first.rows + ") than first-stage terms ("
                    + p + ")");
        }
        double[][] b = new double[first.gram.length][];
        boolean[] aliased = new boolean[p];
        for (int rep = 0; rep < b.length; rep++) {
            b[rep] = first.ols(rep, rep == 0 ? aliased : null);
        }
        for (int j = 1; j <= nFree + nState + nProxy; j++) {
            if (aliased[j]) {
                return new FirstStageFit(null, null, null, null, "collinear inputs");
            }
        }
        int yCol = first.k - 1;
        double yMean = first.mean(yCol);
        double ySd = first.sd(yCol);
        // the linear terms of the parameters' inputs are consecutive first-stage columns: OP/LP
        // (w, k, m, …) from 1 + nFree, ACF's polynomial (w, k, m, …) from 1
        int q = secondStageParameters();
        int firstParam = spec.method() == Method.ACF ? 1 : 1 + nFree;
        double[] centre = new double[q + 1];
        double[] scale = new double[q + 1];
        centre[0] = yMean;
        scale[0] = ySd;
        for (int j = 0; j < q; j++) {
            centre[j + 1] = first.mean(firstParam + j);
            scale[j + 1] = first.sd(firstParam + j);
        }
        SecondStageMoments.Frame uv = new SecondStageMoments.Frame(centre, scale);
        SecondStageMoments.Frame s = null;
        double[] zScale = null;
        if (spec.method() == Method.ACF) {
            zScale = new double[q];
            for (int j = 0; j < zScale.length; j++) {
                zScale[j] = first.sd(1 + j);
            }
        } else {
            double rMean = yMean;
            for (int j = 0; j < nFree; j++) {
                rMean -= b[0][1 + j] * first.mean(1 + j);
            }
            double[] sc = new double[q + 1];
            double[] ss = new double[q + 1];
            sc[0] = rMean;
            ss[0] = ySd;
            for (int j = 0; j < q; j++) {
                sc[j + 1] = first.mean(1 + nFree + j);
                ss[j + 1] = first.sd(1 + nFree + j);
            }
            s = new SecondStageMoments.Frame(sc, ss);
        }
        return new FirstStageFit(b, uv, s, zScale, null);
    }

    // ---------------------------------------------------------------- pass 2

    public SecondStage newSecondStage(FirstStageFit fit) {
        return new SecondStage(fit);
    }

    /** Second-stage sums per replicate over the rows with a lag. */
    public final class SecondStage implements Serializable {
        final FirstStageFit fit;
        final SecondStageMoments[] moments;
        final Compensated ivGram;
        final int ivK;
        long rows;

        SecondStage(FirstStageFit fit) {
            this.fit = fit;
            int reps = spec.replicates() + 1;
            if (spec.method() == Method.WRDG) {
                moments = null;
                ivK = 2 * wrdgColumns() + 2;
                ivGram = new Compensated(ivK * ivK);
            } else {
                ivK = 0;
                ivGram = null;
                moments = new SecondStageMoments[reps];
                boolean acf = spec.method() == Method.ACF;
                int q = secondStageParameters();
                for (int rep = 0; rep < reps; rep++) {
                    moments[rep] = acf ? new SecondStageMoments(q, false, q) : new SecondStageMoments(q, true, 0);
                }
            }
        }

        /** Adds {@code row} if {@code previous} is its firm's year before (else nothing). */
        public void add(FirmYear row, FirmYear previous) {
            if (!row.laggedBy(previous)) {
                return;
            }
            rows++;
            if (spec.method() == Method.WRDG) {
                addWrdg(row, previous);
                return;
            }
            boolean acf = spec.method() == Method.ACF;
            double[] xt = firstStageRow(row);
            double[] xp = firstStageRow(previous);
            double[] parT = acf ? concat(row.free(), row.state(), proxyInput(row)) : concat(row.state(), proxyInput(row));
            double[] parP = acf ? concat(previous.free(), previous.state(), proxyInput(previous))
                    : concat(previous.state(), proxyInput(previous));
            double[] z = null;
            if (acf) {
                // instruments [w₋, k] (gross output: and m₋, as Stata prodest's lproxyGO)
                z = concat(previous.free(), row.state(), proxyInput(previous));
                for (int j = 0; j < z.length; j++) {
                    z[j] /= fit.zScale[j];
                }
            }
            for (int rep = 0; rep < moments.length; rep++) {
                double w = ReplicateWeights.weight(row.firm(), rep, spec.seed());
                if (w == 0) {
                    continue;
                }
                double[] b = fit.coefficients[rep];
                double phiT = dot(xt, b);
                double phiP = dot(xp, b);
                double[] s = null;
                if (!acf) {
                    double wT = 0;
                    double wP = 0;
                    for (int j = 0; j < nFree; j++) {
                        wT += b[1 + j] * row.free()[j];
                        wP += b[1 + j] * previous.free()[j];
                    }
                    phiT -= wT;
                    phiP -= wP;
                    s = fit.s.homogeneous(concat(new double[] {row.y() - wT}, row.state(), proxyInput(row)));
                }
                double[] u = fit.uv.homogeneous(concat(new double[] {phiP}, parP));
                double[] v = fit.uv.homogeneous(concat(new double[] {phiT}, parT));
                moments[rep].add(w, u, v, s, z);
            }
        }

        private void addWrdg(FirmYear row, FirmYear previous) {
            double[] polyT = polynomial(concat(row.state(), new double[] {row.proxy()}));
            double[] polyP = polynomial(concat(previous.state(), new double[] {previous.proxy()}));
            // equation 1 (current polynomial) and 2 (lagged polynomial), stacked: [z, x, y, 1]
            addIv(concat(previous.free(), row.state(), polyT, row.free(), row.state(), polyT, new double[] {row.y(), 1}));
            addIv(concat(previous.free(), row.state(), polyP, row.free(), row.state(), polyP, new double[] {row.y(), 1}));
        }

        private void addIv(double[] r) {
            for (int i = 0; i < ivK; i++) {
                for (int j = 0; j < ivK; j++) {
                    ivGram.add(i * ivK + j, r[i] * r[j]);
                }
            }
        }

        public SecondStage merge(SecondStage o) {
            rows += o.rows;
            if (moments != null) {
                for (int rep = 0; rep < moments.length; rep++) {
                    moments[rep].merge(o.moments[rep]);
                }
            } else {
                ivGram.merge(o.ivGram);
            }
            return this;
        }

        /** The objective at θ for replicate rep (OP/LP: θ = β_state; ACF: θ = (β_free, β_state)). */
        public double objective(int rep, double[] theta) {
            return moments[rep].evaluate(theta, fit.uv, fit.s).criterion();
        }
    }

    int wrdgColumns() {
        return nFree + nState + polynomialTerms(nState + 1);
    }

    // ---------------------------------------------------------------- driver

    public TfpResult finish(long firstStageRows, FirstStageFit fit, SecondStage second) {
        if (spec.method() == Method.WRDG) {
            return finishWrdg(firstStageRows, second);
        }
        int q = secondStageParameters();
        if (second.rows < q + 5) {
            return TfpResult.skipped(spec, firstStageRows, second.rows, passes(),
                    "only " + second.rows + " rows with the year before");
        }
        double[] start;
        if (spec.method() == Method.ACF) {
            start = spec.start() != null ? spec.start().clone() : filled(q, 0.5);
        } else {
            // the first-stage coefficients of the linear state (and proxy) terms
            start = Arrays.copyOfRange(fit.coefficients[0], 1 + nFree, 1 + nFree + q);
        }
        Fitted point = optimise(second, 0, start);
        double[] estimates = estimates(fit, 0, point.theta);
        int reps = spec.replicates();
        double[] se = filled(estimates.length, Double.NaN);
        int used = 0;
        if (reps > 1) {
            List<double[]> draws = new ArrayList<>();
            for (int rep = 1; rep <= reps; rep++) {
                if (second.moments[rep].weight() == 0) {
                    continue;
                }
                Fitted f = optimise(second, rep, point.theta);
                double[] e = estimates(fit, rep, f.theta);
                if (Arrays.stream(e).allMatch(Double::isFinite)) {
                    draws.add(e);
                }
            }
            used = draws.size();
            se = standardDeviations(draws, estimates.length);
        }
        String note = Arrays.stream(estimates).allMatch(Double::isFinite) ? "" : "second stage failed";
        return new TfpResult(spec.method(), TfpResult.names(spec), estimates, se, Double.NaN, firstStageRows, second.rows,
                point.converged, point.iterations, point.evaluations, point.objective, passes(), used, note);
    }

    private record Fitted(double[] theta, double objective, boolean converged, int iterations, int evaluations) {
    }

    private Fitted optimise(SecondStage second, int rep, double[] start) {
        Minimizer.Result r = Minimizer.bfgs(t -> second.objective(rep, t), start, 500);
        double[] theta = r.x();
        double value = r.value();
        int evaluations = r.evaluations();
        if (spec.method() == Method.ACF) {
            // Gauss–Newton on the moments Z′ξ(θ): from BFGS's point to the root (or the
            // minimum) at full precision; a step is taken only when it lowers the objective
            SecondStageMoments m = second.moments[rep];
            double[] zz = m.zz();
            for (int it = 0; it < 200 && value > 0; it++) {
                double[] zXi = m.evaluate(theta, second.fit.uv, null).zXi();
                int k = zXi.length;
                int q = theta.length;
                double[] jac = new double[k * q];
                for (int j = 0; j < q; j++) {
                    double h = 1e-6 * Math.max(1, Math.abs(theta[j]));
                    double[] tp = theta.clone();
                    double[] tm = theta.clone();
                    tp[j] += h;
                    tm[j] -= h;
                    double[] mp = m.evaluate(tp, second.fit.uv, null).zXi();
                    double[] mm = m.evaluate(tm, second.fit.uv, null).zXi();
                    evaluations += 2;
                    for (int i = 0; i < k; i++) {
                        jac[i * q + j] = (mp[i] - mm[i]) / (2 * h);
                    }
                }
                // δ = −(J′AJ)⁻¹J′A m with A = (Z′Z)⁻¹
                double[] aJ = new double[k * q];
                for (int j = 0; j < q; j++) {
                    double[] col = new double[k];
                    for (int i = 0; i < k; i++) {
                        col[i] = jac[i * q + j];
                    }
                    double[] s = Dense.solve(zz, k, col);
                    for (int i = 0; i < k; i++) {
                        aJ[i * q + j] = s[i];
                    }
                }
                double[] jaj = new double[q * q];
                double[] jam = new double[q];
                for (int a = 0; a < q; a++) {
                    for (int i = 0; i < k; i++) {
                        jam[a] += aJ[i * q + a] * zXi[i];
                        for (int b = 0; b < q; b++) {
                            jaj[a * q + b] += aJ[i * q + a] * jac[i * q + b];
                        }
                    }
                }
                double[] delta = Dense.solve(jaj, q, jam);
                // the full step, else halved (up to 2⁻¹⁰) until it lowers the objective: in a
                // curved valley (ACF with gross output) a full step can overshoot
                double[] next = null;
                double v = value;
                for (int half = 0; half <= 10 && !(v < value); half++) {
                    next = theta.clone();
                    for (int j = 0; j < q; j++) {
                        next[j] -= delta[j] / (1 << half);
                    }
                    v = second.objective(rep, next);
                    evaluations++;
                }
                if (!(v < value)) {
                    break;
                }
                theta = next;
                value = v;
            }
        }
        return new Fitted(theta, value, r.converged(), r.iterations(), evaluations);
    }

    private double[] estimates(FirstStageFit fit, int rep, double[] theta) {
        if (spec.method() == Method.ACF) {
            return theta.clone();
        }
        double[] e = new double[nFree + theta.length];
        System.arraycopy(fit.coefficients[rep], 1, e, 0, nFree);
        System.arraycopy(theta, 0, e, nFree, theta.length);
        return e;
    }

    TfpResult finishOls(FirstStage first) {
        int p = first.k - 1;
        if (first.rows <= p) {
            return TfpResult.skipped(spec, first.rows, 0, 1, "fewer rows (" + first.rows + ") than terms (" + p + ")");
        }
        boolean[] aliased = new boolean[p];
        double[] b = first.ols(0, aliased);
        for (boolean a : aliased) {
            if (a) {
                return TfpResult.skipped(spec, first.rows, 0, 1, "collinear inputs");
            }
        }
        double[] g = first.full(0);
        double[] xx = new double[p * p];
        double[] xy = new double[p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(g, i * first.k, xx, i * p, p);
            xy[i] = g[i * first.k + p];
        }
        double rss = g[p * first.k + p] - dot(b, xy);
        double sigma2 = rss / (first.rows - p);
        double[] inv = Dense.inverse(xx, p);
        double[] est = Arrays.copyOfRange(b, 1, p);
        double[] se = new double[p - 1];
        for (int j = 1; j < p; j++) {
            se[j - 1] = Math.sqrt(sigma2 * inv[j * p + j]);
        }
        return new TfpResult(Method.OLS, TfpResult.names(spec), est, se, b[0], first.rows, 0, true, 0, 0, rss, 1, 0, "");
    }

    /**
     * R prodestWRDG: X̂ = Z(Z′Z)⁻¹Z′X on the stacked rows (no constant among the instruments),
     * then OLS of y on [1, X̂] with its conventional standard errors.
     */
    private TfpResult finishWrdg(long firstStageRows, SecondStage second) {
        int px = wrdgColumns();
        int k = second.ivK;
        long n = 2 * second.rows;
        if (n <= px + 1) {
            return TfpResult.skipped(spec, firstStageRows, second.rows, 1,
                    "only " + second.rows + " rows with the year before");
        }
        double[] g = second.ivGram.values();
        int zo = 0;
        int xo = px;
        int yo = 2 * px;
        int one = 2 * px + 1;
        double[] zz = new double[px * px];
        for (int i = 0; i < px; i++) {
            for (int j = 0; j < px; j++) {
                zz[i * px + j] = g[(zo + i) * k + zo + j];
            }
        }
        // Π = (Z′Z)⁻¹ Z′X, column by column; also (Z′Z)⁻¹Z′y and (Z′Z)⁻¹Σz
        double[] pi = new double[px * px];
        for (int c = 0; c < px; c++) {
            double[] zx = new double[px];
            for (int i = 0; i < px; i++) {
                zx[i] = g[(zo + i) * k + xo + c];
            }
            double[] col = Dense.solve(zz, px, zx);
            for (int i = 0; i < px; i++) {
                pi[i * px + c] = col[i];
            }
        }
        int h = px + 1;
        double[] hh = new double[h * h];
        double[] hy = new double[h];
        hh[0] = g[one * k + one];
        hy[0] = g[yo * k + one];
        for (int c = 0; c < px; c++) {
            double sumXhat = 0;
            double xhatY = 0;
            for (int i = 0; i < px; i++) {
                sumXhat += g[(zo + i) * k + one] * pi[i * px + c];
                xhatY += pi[i * px + c] * g[(zo + i) * k + yo];
            }
            hh[c + 1] = sumXhat;
            hh[(c + 1) * h] = sumXhat;
            hy[c + 1] = xhatY;
            for (int d = 0; d < px; d++) {
                // Π′ Z′Z Π = Π′ Z′X (since Z′Z Π = Z′X)
                double s = 0;
                for (int i = 0; i < px; i++) {
                    s += pi[i * px + c] * g[(zo + i) * k + xo + d];
                }
                hh[(c + 1) * h + d + 1] = s;
            }
        }
        double[] b = Dense.solve(hh, h, hy);
        double rss = g[yo * k + yo] - 2 * dot(b, hy);
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < h; j++) {
                rss += b[i] * hh[i * h + j] * b[j];
            }
        }
        double sigma2 = rss / (n - h);
        double[] inv = Dense.inverse(hh, h);
        int q = nFree + nState;
        double[] est = Arrays.copyOfRange(b, 1, 1 + q);
        double[] se = new double[q];
        for (int j = 0; j < q; j++) {
            se[j] = Math.sqrt(sigma2 * inv[(j + 1) * h + j + 1]);
        }
        String note = Arrays.stream(est).allMatch(Double::isFinite) ? "" : "collinear instruments";
        return new TfpResult(Method.WRDG, TfpResult.names(spec), est, se, b[0], firstStageRows, second.rows, true, 0, 0,
                rss, 1, 0, note);
    }

    static double[] standardDeviations(List<double[]> draws, int k) {
        double[] sd = filled(k, Double.NaN);
        if (draws.size() < 2) {
            return sd;
        }
        for (int j = 0; j < k; j++) {
            double mean = 0;
            for (double[] d : draws) {
                mean += d[j];
            }
            mean /= draws.size();
            double ss = 0;
            for (double[] d : draws) {
                ss += (d[j] - mean) * (d[j] - mean);
            }
            sd[j] = Math.sqrt(ss / (draws.size() - 1));
        }
        return sd;
    }

    private static double[] filled(int k, double v) {
        double[] a = new double[k];
        Arrays.fill(a, v);
        return a;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
