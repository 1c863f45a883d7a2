package org.quex.estimate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The meats of multi-way clustering, one per non-empty subset S of the cluster variables
 * (clustered by the intersection of the variables in S), accumulated in one pass over the
 * blocks and mergeable across them. When the data are partitioned by one of the variables (the
 * local one: the first for OLS and probit, the absorbed effect partitioned on for FE), an
 * intersection that includes it never crosses a block: its cluster sums are formed and squared
 * inside the block. An intersection of the other variables only (year, year × industry) spans
 * blocks: its score sums travel to the driver by key and are squared there. With no local
 * variable (FE clustered by a variable in which the absorbed effect does not nest) every
 * intersection is summed by key, one-way clustering included.
 */
final class ClusterMeats implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int q;
    /** The cluster variable whose clusters never cross a block (-1: none). */
    private final int localDimension;
    private final int[] masks;
    /** Per mask that includes the first variable: its meat (full q×q) and cluster count. */
    private final double[][] meat;
    private final long[] clusters;
    /** Per mask without the first variable: score sums by the tuple of keys. */
    private final List<Map<List<Object>, double[]>> spanning;
    /** Per mask with the first variable: score sums of the current block by local ids. */
    private transient List<Map<List<Integer>, double[]>> blockSums;

    ClusterMeats(int q, int dimensions, int localDimension) {
        this.q = q;
        this.localDimension = localDimension;
        this.masks = Variance.subsets(dimensions);
        this.meat = new double[masks.length][];
        this.clusters = new long[masks.length];
        this.spanning = new ArrayList<>();
        for (int s = 0; s < masks.length; s++) {
            boolean local = local(masks[s]);
            meat[s] = local ? new double[q * q] : null;
            spanning.add(local ? null : new HashMap<>());
        }
    }

    private boolean local(int mask) {
        return localDimension >= 0 && (mask & (1 << localDimension)) != 0;
    }

    /** Adds the scores u_i·z_i of rows [r0, r0+m) of the block, z being their chunk (leading dimension ld). */
    void add(DesignBlock b, int r0, int m, double[] z, int ld, double[] u) {
        if (blockSums == null) {
            blockSums = new ArrayList<>();
            for (int mask : masks) {
                blockSums.add(local(mask) ? new HashMap<>() : null);
            }
        }
        for (int i = 0; i < m; i++) {
            int row = r0 + i;
            for (int s = 0; s < masks.length; s++) {
                double[] sums;
                if (local(masks[s])) { // block-local ids suffice: these clusters never cross blocks
                    List<Integer> key = new ArrayList<>(4);
                    for (int d = 0; d < 32 - Integer.numberOfLeadingZeros(masks[s]); d++) {
                        if ((masks[s] & (1 << d)) != 0) {
                            key.add(d == 0 ? b.cluster[row] : b.otherClusters[d - 1][row]);
                        }
                    }
                    sums = blockSums.get(s).computeIfAbsent(key, k -> new double[q]);
                } else {
                    List<Object> key = new ArrayList<>(4);
                    for (int d = 0; d < 32 - Integer.numberOfLeadingZeros(masks[s]); d++) {
                        if ((masks[s] & (1 << d)) != 0) {
                            key.add(d == 0 ? b.clusterKeys[b.cluster[row]]
                                    : b.otherClusterKeys[d - 1][b.otherClusters[d - 1][row]]);
                        }
                    }
                    sums = spanning.get(s).computeIfAbsent(key, k -> new double[q]);
                }
                for (int j = 0; j < q; j++) {
                    sums[j] += u[i] * z[i + j * ld];
                }
            }
        }
    }

    /** Squares the block's local cluster sums into the meats; call once a block is done. */
    void endBlock() {
        if (blockSums == null) {
            return;
        }
        for (int s = 0; s < masks.length; s++) {
            Map<List<Integer>, double[]> sums = blockSums.get(s);
            if (sums != null) {
                for (double[] v : sums.values()) {
                    addOuter(meat[s], v);
                }
                clusters[s] += sums.size();
            }
        }
        blockSums = null;
    }

    ClusterMeats merge(ClusterMeats o) {
        for (int s = 0; s < masks.length; s++) {
            if (meat[s] != null) {
                for (int i = 0; i < meat[s].length; i++) {
                    meat[s][i] += o.meat[s][i];
                }
                clusters[s] += o.clusters[s];
            } else {
                Map<List<Object>, double[]> target = spanning.get(s);
                for (Map.Entry<List<Object>, double[]> e : o.spanning.get(s).entrySet()) {
                    double[] sums = target.get(e.getKey());
                    if (sums == null) {
                        target.put(e.getKey(), e.getValue().clone());
                    } else {
                        for (int j = 0; j < q; j++) {
                            sums[j] += e.getValue()[j];
                        }
                    }
                }
            }
        }
        return this;
    }

    /** The meats of every subset, with their cluster counts. */
    List<Variance.ClusterMeat> meats() {
        List<Variance.ClusterMeat> out = new ArrayList<>();
        for (int s = 0; s < masks.length; s++) {
            if (meat[s] != null) {
                out.add(new Variance.ClusterMeat(masks[s], meat[s].clone(), clusters[s]));
            } else {
                // keys in a fixed order, so that the sum does not depend on the partitioning
                List<Map.Entry<List<Object>, double[]>> entries = new ArrayList<>(spanning.get(s).entrySet());
                entries.sort((a, c) -> a.getKey().toString().compareTo(c.getKey().toString()));
                out.add(Variance.ClusterMeat.of(masks[s], entries.stream().map(Map.Entry::getValue).toList(), q));
            }
        }
        return out;
    }

    private void addOuter(double[] target, double[] v) {
        for (int j = 0; j < q; j++) {
            for (int i = 0; i < q; i++) {
                target[i + j * q] += v[i] * v[j];
            }
        }
    }
}
