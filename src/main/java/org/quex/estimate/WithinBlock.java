package org.quex.estimate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One partition after the primary effect is absorbed: regressors and response demeaned within
 * primary levels (M₁W; with weights by weighted means), with each row's secondary levels. The rest
 * of the absorption is the system S·Γ = B of the secondary effects D (Frisch–Waugh–Lovell on M₁):
 * S = D′ΩM₁D = D′ΩD − Σ_g c_g c_g′/n_g and B = D′ΩM₁W, with Ω the weights (identity without),
 * c_g the weighted counts of each secondary level in primary level g and n_g its weight. Every
 * method here is the per-block part of one pass over the data.
 */
final class WithinBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A level seen in two clusters (an enum: the same value after serialization). */
    enum Mark { MANY }

    final int partition;
    final int n;
    final int p;
    final double[] x;
    final double[] y;
    /** Weights, or null. */
    final double[] w;
    /** Per cluster variable: a block-local id per row, and the key of each id. */
    final int[][] clusters;
    final Object[][] clusterKeys;
    /** The cluster variable that is the primary effect (its clusters never cross blocks), or -1. */
    final int localCluster;
    /** Bit d set when every primary level of the block lies in one cluster of variable d. */
    final long primaryNested;
    final int[] runStart;
    final int effects;
    final int[] levels;
    final DesignSummary summary;

    WithinBlock(int partition, int n, int p, double[] x, double[] y, double[] w, int[][] clusters,
                Object[][] clusterKeys, int localCluster, long primaryNested, int[] runStart, int effects,
                int[] levels, DesignSummary summary) {
        this.partition = partition;
        this.n = n;
        this.p = p;
        this.x = x;
        this.y = y;
        this.w = w;
        this.clusters = clusters;
        this.clusterKeys = clusterKeys;
        this.localCluster = localCluster;
        this.primaryNested = primaryNested;
        this.runStart = runStart;
        this.effects = effects;
        this.levels = levels;
        this.summary = summary;
    }

    /** Column c of M₁W: a regressor for c < p, the response for c = p. */
    private double w(int row, int c) {
        return c < p ? x[row + c * n] : y[row];
    }

    private double weight(int row) {
        return w == null ? 1.0 : w[row];
    }

    /**
     * The totals of the system's first pass: B (m × (p+1), row-major), diag(S), S itself (upper
     * triangle, m × m column-major) when it is to be solved exactly, the weighted count of each
     * level; with clusters, for each cluster variable and secondary level the one cluster it lies
     * in (to find effects nested in the clusters), whether the primary nests in each cluster
     * variable, and (exact solve) the unweighted cross-tabulation D′D of the levels with the row
     * count (for the rank of the constant and the effects not nested in the clusters).
     */
    static final class SystemTotals implements Serializable {
        private static final long serialVersionUID = 1L;
        final int m;
        final int w;
        final double[] b;
        final double[] diag;
        final double[] s;
        final double[] weight;
        /** clusterOf[d][l]: the key of the cluster of variable d that level l lies in, Mark.MANY, or null (unseen). */
        final Object[][] clusterOf;
        long primaryNested = -1L;
        final double[] crossCounts;
        long rows;

        SystemTotals(int m, int w, boolean dense, int clusterDimensions) {
            this.m = m;
            this.w = w;
            b = new double[m * w];
            diag = new double[m];
            s = dense ? new double[m * m] : null;
            weight = new double[m];
            clusterOf = new Object[clusterDimensions][m];
            crossCounts = dense && clusterDimensions > 0 ? new double[m * m] : null;
        }

        SystemTotals merge(SystemTotals o) {
            add(b, o.b);
            add(diag, o.diag);
            add(weight, o.weight);
            if (s != null) {
                add(s, o.s);
            }
            if (crossCounts != null) {
                add(crossCounts, o.crossCounts);
            }
            for (int d = 0; d < clusterOf.length; d++) {
                for (int l = 0; l < m; l++) {
                    clusterOf[d][l] = combine(clusterOf[d][l], o.clusterOf[d][l]);
                }
            }
            primaryNested &= o.primaryNested;
            rows += o.rows;
            return this;
        }

        private static Object combine(Object a, Object b) {
            if (a == null) {
                return b;
            }
            if (b == null || a.equals(b)) {
                return a;
            }
            return Mark.MANY;
        }

        /** Whether every level in [from, to) that occurs lies in one cluster of some cluster variable. */
        boolean nestedInClusters(int from, int to, int[] count) {
            for (Object[] of : clusterOf) {
                boolean nested = true;
                for (int l = from; l < to && nested; l++) {
                    nested = count[l] == 0 || (of[l] != null && of[l] != Mark.MANY);
                }
                if (nested) {
                    return true;
                }
            }
            return false;
        }

        /** D′D − cc′/N over the levels (upper triangle): the cross-products of the centred dummies. */
        double[] centredCrossCounts() {
            double[] c = crossCounts.clone();
            for (int j = 0; j < m; j++) {
                for (int i = 0; i <= j; i++) {
                    c[i + j * m] -= crossCounts[i + i * m] * crossCounts[j + j * m] / rows;
                }
            }
            return c;
        }
    }

    SystemTotals system(int m, boolean dense) {
        int width = p + 1;
        SystemTotals t = new SystemTotals(m, width, dense, clusters.length);
        t.primaryNested = primaryNested;
        t.rows = n;
        double[] count = new double[m];
        int[] touched = new int[m];
        for (int g = 0; g + 1 < runStart.length; g++) {
            int from = runStart[g];
            int to = runStart[g + 1];
            int nt = 0;
            double size = 0;
            for (int i = from; i < to; i++) {
                double wi = weight(i);
                size += wi;
                for (int e = 0; e < effects; e++) {
                    int a = levels[i * effects + e];
                    if (count[a] == 0) {
                        touched[nt++] = a;
                    }
                    count[a] += wi;
                    for (int c = 0; c < width; c++) {
                        t.b[a * width + c] += wi * w(i, c);
                    }
                    if (t.s != null) {
                        for (int f = e + 1; f < effects; f++) { // cross-tabulations of different effects
                            int b2 = levels[i * effects + f];
                            t.s[Math.min(a, b2) + Math.max(a, b2) * m] += wi;
                            if (t.crossCounts != null) {
                                t.crossCounts[Math.min(a, b2) + Math.max(a, b2) * m] += 1;
                            }
                        }
                    }
                    if (t.crossCounts != null) {
                        t.crossCounts[a + a * m] += 1;
                    }
                    for (int d = 0; d < clusters.length; d++) {
                        t.clusterOf[d][a] = SystemTotals.combine(t.clusterOf[d][a], clusterKeys[d][clusters[d][i]]);
                    }
                }
            }
            for (int u = 0; u < nt; u++) {
                int a = touched[u];
                double ca = count[a];
                t.diag[a] += ca - ca * ca / size;
                t.weight[a] += ca;
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
     * This block's part of S·P for P of m × (p+1) (row-major): D′ΩM₁(D·P), the gather demeaned
     * within primary levels and scattered back to the levels with the rows' weights.
     */
    double[] times(double[] pm, int m) {
        int width = p + 1;
        double[] q = new double[m * width];
        double[] mean = new double[width];
        double[] u = new double[width];
        for (int g = 0; g + 1 < runStart.length; g++) {
            int from = runStart[g];
            int to = runStart[g + 1];
            runMean(pm, from, to, width, mean);
            for (int i = from; i < to; i++) {
                gather(pm, i, width, u);
                double wi = weight(i);
                for (int e = 0; e < effects; e++) {
                    int a = levels[i * effects + e] * width;
                    for (int c = 0; c < width; c++) {
                        q[a + c] += wi * (u[c] - mean[c]);
                    }
                }
            }
        }
        return q;
    }

    /** Row i's sum of the secondary-level vectors ({@code width} wide) of {@code byLevel}, into {@code u}. */
    private void gather(double[] byLevel, int i, int width, double[] u) {
        Arrays.fill(u, 0);
        for (int e = 0; e < effects; e++) {
            int a = levels[i * effects + e] * width;
            for (int c = 0; c < width; c++) {
                u[c] += byLevel[a + c];
            }
        }
    }

    /**
     * The (weighted) mean over the rows {@code from..to} of one primary level of the summed
     * secondary-level vectors ({@code width} wide) of {@code byLevel}, into {@code mean}.
     */
    private void runMean(double[] byLevel, int from, int to, int width, double[] mean) {
        Arrays.fill(mean, 0);
        double total = 0;
        for (int i = from; i < to; i++) {
            double wi = weight(i);
            total += wi;
            for (int e = 0; e < effects; e++) {
                int a = levels[i * effects + e] * width;
                for (int c = 0; c < width; c++) {
                    mean[c] += wi * byLevel[a + c];
                }
            }
        }
        for (int c = 0; c < width; c++) {
            mean[c] /= total;
        }
    }

    /**
     * The fully absorbed block: M₁W − M₁DΓ, with Γ (m × (p+1), row-major) the secondary effects of
     * every column, with the weights and clusters. Its summary keeps the raw statistics (for the
     * reported constant).
     */
    DesignBlock residualize(double[] gamma, int m) {
        int width = p + 1;
        double[] rx = x.clone();
        double[] ry = y.clone();
        double[] mean = new double[width];
        double[] u = new double[width];
        for (int g = 0; g + 1 < runStart.length; g++) {
            int from = runStart[g];
            int to = runStart[g + 1];
            runMean(gamma, from, to, width, mean);
            for (int i = from; i < to; i++) {
                gather(gamma, i, width, u);
                for (int c = 0; c < p; c++) {
                    rx[i + c * n] -= u[c] - mean[c];
                }
                ry[i] -= u[p] - mean[p];
            }
        }
        int dimensions = clusters.length;
        int[] first = dimensions == 0 ? null : clusters[0];
        int[][] others = dimensions < 2 ? null : Arrays.copyOfRange(clusters, 1, dimensions);
        Object[][] otherKeys = dimensions < 2 ? null : Arrays.copyOfRange(clusterKeys, 1, dimensions);
        return new DesignBlock(n, p, rx, ry, w, first, others, otherKeys, localCluster,
                dimensions > 0 && localCluster != 0 ? clusterKeys[0] : null, summary.merge(new DesignSummary(p)));
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
