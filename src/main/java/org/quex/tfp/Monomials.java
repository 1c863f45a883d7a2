package org.quex.tfp;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The monomials of each degree 0..maxDegree in {@code dim} variables, in a fixed order, with the
 * two operations the TFP estimators need: the values of all monomials of one degree at a point
 * (a polynomial regressor row, or one row's contribution to a moment tensor), and the coefficients
 * of a product of linear forms Π(x·b_k) (the contraction of a symmetric moment tensor with
 * parameter vectors). Hand-written because the tensors are symmetric and tiny (at most a few
 * hundred entries): stored once per multi-index rather than as dense d^n arrays.
 */
public final class Monomials implements Serializable {
    private final int dim;
    private final int maxDegree;
    /** exponents[n][i] = the exponent vector of monomial i of degree n. */
    private final int[][][] exponents;
    /** parent[n][i] = index (degree n−1) of monomial i divided by its last variable; variable[n][i] = that variable. */
    private final int[][] parent;
    private final int[][] variable;
    /** child[n][i][j] = index (degree n+1) of monomial i of degree n times variable j. */
    private final int[][][] child;

    public Monomials(int dim, int maxDegree) {
        this.dim = dim;
        this.maxDegree = maxDegree;
        exponents = new int[maxDegree + 1][][];
        parent = new int[maxDegree + 1][];
        variable = new int[maxDegree + 1][];
        child = new int[maxDegree + 1][][];
        List<Map<String, Integer>> index = new ArrayList<>();
        exponents[0] = new int[][] {new int[dim]};
        parent[0] = new int[] {-1};
        variable[0] = new int[] {-1};
        index.add(Map.of(Arrays.toString(new int[dim]), 0));
        for (int n = 1; n <= maxDegree; n++) {
            List<int[]> list = new ArrayList<>();
            List<Integer> parents = new ArrayList<>();
            List<Integer> vars = new ArrayList<>();
            Map<String, Integer> here = new HashMap<>();
            int[][] previous = exponents[n - 1];
            for (int p = 0; p < previous.length; p++) {
                int last = lastVariable(previous[p]);
                // each monomial once: extend only by variables at or after the parent's last one
                for (int j = Math.max(last, 0); j < dim; j++) {
                    int[] e = previous[p].clone();
                    e[j]++;
                    here.put(Arrays.toString(e), list.size());
                    list.add(e);
                    parents.add(p);
                    vars.add(j);
                }
            }
            exponents[n] = list.toArray(new int[0][]);
            parent[n] = parents.stream().mapToInt(Integer::intValue).toArray();
            variable[n] = vars.stream().mapToInt(Integer::intValue).toArray();
            index.add(here);
        }
        for (int n = 0; n < maxDegree; n++) {
            child[n] = new int[exponents[n].length][dim];
            for (int i = 0; i < exponents[n].length; i++) {
                for (int j = 0; j < dim; j++) {
                    int[] e = exponents[n][i].clone();
                    e[j]++;
                    child[n][i][j] = index.get(n + 1).get(Arrays.toString(e));
                }
            }
        }
    }

    private static int lastVariable(int[] e) {
        for (int j = e.length - 1; j >= 0; j--) {
            if (e[j] > 0) {
                return j;
            }
        }
        return -1;
    }

    public int dim() {
        return dim;
    }

    /** Number of monomials of degree exactly n. */
    public int count(int n) {
        return exponents[n].length;
    }

    public int[] exponents(int n, int i) {
        return exponents[n][i].clone();
    }

    /** Values at x of all monomials of degree exactly n (n ≤ maxDegree). */
    public double[] values(double[] x, int n) {
        double[] v = {1.0};
        for (int d = 1; d <= n; d++) {
            double[] next = new double[exponents[d].length];
            for (int i = 0; i < next.length; i++) {
                next[i] = v[parent[d][i]] * x[variable[d][i]];
            }
            v = next;
        }
        return v;
    }

    /**
     * Coefficients c (indexed like the monomials of degree forms.length) with
     * Π_k (x·forms[k]) = Σ_i c[i] x^{exponents(i)} for every x.
     */
    public double[] product(double[]... forms) {
        double[] c = {1.0};
        for (int n = 0; n < forms.length; n++) {
            double[] next = new double[exponents[n + 1].length];
            double[] b = forms[n];
            for (int i = 0; i < c.length; i++) {
                if (c[i] == 0) {
                    continue;
                }
                for (int j = 0; j < dim; j++) {
                    next[child[n][i][j]] += c[i] * b[j];
                }
            }
            c = next;
        }
        return c;
    }

    /** Σ_i sums[i]·c[i]: the contraction of stored monomial sums with product coefficients. */
    static double dot(double[] sums, int offset, double[] c) {
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            s += sums[offset + i] * c[i];
        }
        return s;
    }

    int maxDegree() {
        return maxDegree;
    }
}
