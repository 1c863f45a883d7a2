package org.quex.estimate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One partition after the primary effect is absorbed: regressors and response demeaned within
 * primary levels (M₁W), with each row's secondary levels. The rest of the absorption is the
 * system S·Γ = B of the secondary effects D (Frisch–Waugh–Lovell on M₁):
 * S = D′M₁D = D′D − Σ_g c_g c_g′/n_g and B = D′M₁W, with c_g the counts of each secondary level
 * in primary level g. Every method here is the per-block part of one pass over the data.
 */
final class WithinBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A cluster code not seen yet, and one for a level seen in two clusters. */
    static final long UNSEEN = Long.MIN_VALUE;
    static final long MANY = Long.MAX_VALUE;

    final int partition;
    final int n;
    final int p;
    final double[] x;
    final double[] y;
    final int[] cluster;
    final int[] runStart;
    final int effects;
    final int[] levels;
    final DesignSummary summary;

    WithinBlock(int partition, int n, int p, double[] x, double[] y, int[] cluster, int[] runStart, int effects,
                int[] levels, DesignSummary summary) {
        this.partition = partition;
        this.n = n;
        this.p = p;
        this.x = x;
        this.y = y;
        this.cluster = cluster;
        this.runStart = runStart;
        this.effects = effects;
        this.levels = levels;
        this.summary = summary;
    }

    /** Column c of M₁W: a regressor for c < p, the response for c = p. */
    private double w(int row, int c) {
        return c < p ? x[row + c * n] : y[row];
    }

    /**
     * The totals of the system's first pass: B (m × (p+1), row-major), diag(S), S itself (upper
     * triangle, m × m column-major) when it is to be solved exactly, and for each secondary level
     * the one cluster it lies in (to find effects nested in the clusters).
     */
    static final class SystemTotals implements Serializable {
        private static final long serialVersionUID = 1L;
        final int m;
        final int w;
        final double[] b;
        final double[] diag;
        final double[] s;
        final long[] clusterOf;

        SystemTotals(int m, int w, boolean dense, boolean clusters) {
            this.m = m;
            this.w = w;
            b = new double[m * w];
            diag = new double[m];
            s = dense ? new double[m * m] : null;
            clusterOf = clusters ? new long[m] : null;
            if (clusterOf != null) {
                Arrays.fill(clusterOf, UNSEEN);
            }
        }

        SystemTotals merge(SystemTotals o) {
            add(b, o.b);
            add(diag, o.diag);
            if (s != null) {
                add(s, o.s);
            }
            if (clusterOf != null) {
                for (int l = 0; l < m; l++) {
                    clusterOf[l] = combine(clusterOf[l], o.clusterOf[l]);
                }
            }
            return this;
        }

        private static long combine(long a, long b) {
            if (a == UNSEEN) {
                return b;
            }
            if (b == UNSEEN || a == b) {
                return a;
            }
            return MANY;
        }
    }

    SystemTotals system(int m, boolean dense, boolean clusters) {
        int w = p + 1;
        SystemTotals t = new SystemTotals(m, w, dense, clusters);
        int[] count = new int[m];
        int[] touched = new int[m];
        for (int g = 0; g + 1 < runStart.length; g++) {
            int from = runStart[g];
            int to = runStart[g + 1];
            int nt = 0;
            for (int i = from; i < to; i++) {
                for (int e = 0; e < effects; e++) {
                    int a = levels[i * effects + e];
                    if (count[a]++ == 0) {
                        touched[nt++] = a;
                    }
                    for (int c = 0; c < w; c++) {
                        t.b[a * w + c] += w(i, c);
                    }
                    if (t.s != null) {
                        for (int f = e + 1; f < effects; f++) { // cross-tabulations of different effects
                            int b2 = levels[i * effects + f];
                            t.s[Math.min(a, b2) + Math.max(a, b2) * m] += 1;
                        }
                    }
                    if (t.clusterOf != null) {
                        long code = ((long) partition << 32) | cluster[i];
                        t.clusterOf[a] = SystemTotals.combine(t.clusterOf[a], code);
                    }
                }
            }
            double size = to - from;
            for (int u = 0; u < nt; u++) {
                int a = touched[u];
                double ca = count[a];
                t.diag[a] += ca - ca * ca / size;
                if (t.s != null) {
                    t.s[a + a * m] += ca - ca * ca / size;
                    for (int v = 0; v < nt; v++) {
                        int b2 = touched[v];
                        if (b2 > a) {
                            t.s[a + b2 * m] -= ca * count[b2] / size;
                        }
                    }
                }
            }
            for (int u = 0; u < nt; u++) {
                count[touched[u]] = 0;
            }
        }
        return t;
    }

    /**
     * This block's part of S·P for P of m × (p+1) (row-major): D′M₁(D·P), the gather demeaned
     * within primary levels and scattered back to the levels.
     */
    double[] times(double[] pm, int m) {
        int w = p + 1;
        double[] q = new double[m * w];
        double[] mean = new double[w];
        for (int g = 0; g + 1 < runStart.length; g++) {
            int from = runStart[g];
            int to = runStart[g + 1];
            runMean(pm, from, to, w, mean);
            for (int i = from; i < to; i++) {
                for (int e = 0; e < effects; e++) {
                    int a = levels[i * effects + e] * w;
                    for (int f = 0; f < effects; f++) {
                        int b2 = levels[i * effects + f] * w;
                        for (int c = 0; c < w; c++) {
                            q[a + c] += pm[b2 + c];
                        }
                    }
                    for (int c = 0; c < w; c++) {
                        q[a + c] -= mean[c];
                    }
                }
            }
        }
        return q;
    }

    /**
     * The mean over the rows {@code from..to} of one primary level of the summed secondary-level
     * vectors ({@code w} wide) of {@code byLevel}, into {@code mean}.
     */
    private void runMean(double[] byLevel, int from, int to, int w, double[] mean) {
        Arrays.fill(mean, 0);
        for (int i = from; i < to; i++) {
            for (int e = 0; e < effects; e++) {
                int a = levels[i * effects + e] * w;
                for (int c = 0; c < w; c++) {
                    mean[c] += byLevel[a + c];
                }
            }
        }
        for (int c = 0; c < w; c++) {
            mean[c] /= (to - from);
        }
    }

    /**
     * The fully absorbed block: M₁W − M₁DΓ, with Γ (m × (p+1), row-major) the secondary effects of
     * every column. Its summary keeps the raw statistics (for the reported constant).
     */
    DesignBlock residualize(double[] gamma, int m) {
        int w = p + 1;
        double[] rx = x.clone();
        double[] ry = y.clone();
        double[] mean = new double[w];
        double[] u = new double[w];
        for (int g = 0; g + 1 < runStart.length; g++) {
            int from = runStart[g];
            int to = runStart[g + 1];
            runMean(gamma, from, to, w, mean);
            for (int i = from; i < to; i++) {
                Arrays.fill(u, 0);
                for (int e = 0; e < effects; e++) {
                    int a = levels[i * effects + e] * w;
                    for (int c = 0; c < w; c++) {
                        u[c] += gamma[a + c];
                    }
                }
                for (int c = 0; c < p; c++) {
                    rx[i + c * n] -= u[c] - mean[c];
                }
                ry[i] -= u[p] - mean[p];
            }
        }
        return new DesignBlock(n, p, rx, ry, cluster, summary.merge(new DesignSummary(p)));
    }

    /**
     * Connected components of the graph of every pair of effects, for reghdfe's pairwise count of
     * redundant levels when S is not factorized. Pair (primary, e) links the levels of e that
     * share a primary level; pair (e, f) the levels of e and f that share a row. Each pair is a
     * union-find forest over the m secondary levels, merged across blocks.
     */
    static final class Links implements Serializable {
        private static final long serialVersionUID = 1L;
        /** parent[k] for pair k: pairs (primary, e) for e = 0..E-1, then (e, f) for e < f. */
        final int[][] parent;

        Links(int pairs, int m) {
            parent = new int[pairs][m];
            for (int[] p : parent) {
                Arrays.setAll(p, i -> i);
            }
        }

        static int pairs(int effects) {
            return effects + effects * (effects - 1) / 2;
        }

        /** The pair index of secondary effects e < f. */
        static int pair(int effects, int e, int f) {
            return effects + e * effects - e * (e + 1) / 2 + (f - e - 1);
        }

        Links merge(Links o) {
            for (int k = 0; k < parent.length; k++) {
                for (int i = 0; i < parent[k].length; i++) {
                    union(parent[k], i, o.parent[k][i]);
                }
            }
            return this;
        }

        static int find(int[] p, int i) {
            while (p[i] != i) {
                p[i] = p[p[i]];
                i = p[i];
            }
            return i;
        }

        static void union(int[] p, int a, int b) {
            int ra = find(p, a);
            int rb = find(p, b);
            if (ra != rb) {
                p[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }

        /** Components of pair k among the levels in [from, to) of one effect and [from2, to2) of another that occur. */
        int components(int k, int[] count, int from, int to, int from2, int to2) {
            java.util.Set<Integer> roots = new java.util.HashSet<>();
            for (int[] range : new int[][] {{from, to}, {from2, to2}}) {
                for (int l = range[0]; l < range[1]; l++) {
                    if (count[l] > 0) {
                        roots.add(find(parent[k], l));
                    }
                }
            }
            return roots.size();
        }
    }

    Links links(int m) {
        Links links = new Links(Links.pairs(effects), m);
        for (int g = 0; g + 1 < runStart.length; g++) {
            for (int i = runStart[g]; i < runStart[g + 1]; i++) {
                for (int e = 0; e < effects; e++) {
                    int a = levels[i * effects + e];
                    Links.union(links.parent[e], a, levels[runStart[g] * effects + e]);
                    for (int f = e + 1; f < effects; f++) {
                        Links.union(links.parent[Links.pair(effects, e, f)], a, levels[i * effects + f]);
                    }
                }
            }
        }
        return links;
    }

    private static void add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }
}
