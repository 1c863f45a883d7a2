package org.quex.estimate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark edge of a model with two or more absorbed effects, in any order. The effect with
 * the most levels (the primary) is absorbed exactly by partitioning on it and demeaning inside
 * each partition; the others (secondary) by solving S·Γ = B of {@link WithinBlock} on the
 * driver: exactly (Schur complement, pivoted Cholesky) when they have at most
 * {@link #exactLevels} levels together, otherwise by conjugate gradients with one pass per step.
 * Singleton rows are trimmed first, iteratively across all effects, unless kept. Weights enter
 * every step (weighted means within the primary, a weighted S). Clusters need not nest the
 * primary: the score sums of clusters that cross partitions meet on the driver by key
 * ({@link ClusterMeats}), and the effects nested in some cluster variable are found in the system's
 * pass (reghdfe leaves them out of the cluster small-sample factor). The result is a
 * {@link DesignData} of fully absorbed blocks that the linear estimator uses as it uses the
 * one-way within blocks.
 */
final class AbsorbedDesign {
    private static final Logger LOG = LoggerFactory.getLogger(AbsorbedDesign.class);
    /**
     * Secondary levels up to which S is formed (m² doubles per partition's totals: 32 MB at 2,000)
     * and solved exactly on the driver; beyond it, the iterative solve. Package-private and not
     * final for the tests of both paths.
     */
    static int exactLevels = 2000;

    private AbsorbedDesign() {
    }

    /**
     * @param data      the model's columns: the variables (response first), then the absorbed
     *                  effects in formula order, then the cluster variables (the spec's cluster
     *                  variable first), then the weight if any
     * @param variables the response, then the design columns (ModelColumns' names)
     */
    static DesignData build(Dataset<Row> data, ModelSpec spec, List<String> variables) {
        long start = System.nanoTime();
        Formula f = spec.formula();
        List<String> effects = f.absorbed();
        String cluster = spec.clusterVariable();
        List<String> clusterNames = new ArrayList<>();
        if (cluster != null) {
            clusterNames.add(cluster);
            clusterNames.addAll(spec.otherClusterVariables());
        }
        int dimensions = clusterNames.size();
        ModelSpec.Weights weights = spec.weights();
        int nv = variables.size();

        // The primary effect: the one with most levels (ties by name), so the order of the formula does not
        // matter. An estimate of the counts (HyperLogLog, 1 %) suffices: which effect is primary changes how
        // the work is split, not the result; and it is one pass without a shuffle, where exact counts of
        // several columns cost one shuffle of all rows each.
        Column[] distinct = effects.stream().map(e -> functions.approx_count_distinct(DesignData.column(e), 0.01))
                .toArray(Column[]::new);
        Row counts = data.agg(distinct[0], Arrays.copyOfRange(distinct, 1, distinct.length)).first();
        Map<String, Long> rawLevels = new HashMap<>();
        for (int e = 0; e < effects.size(); e++) {
            rawLevels.put(effects.get(e), counts.getLong(e));
        }
        String primary = effects.stream().min(Comparator.comparing((String e) -> -rawLevels.get(e))
                .thenComparing(Comparator.naturalOrder())).orElseThrow();
        List<String> secondary = effects.stream().filter(e -> !e.equals(primary)).sorted().toList();

        // The secondary levels, all effects in one pass (sets merged per partition, no shuffle of rows).
        Column[] sets = secondary.stream().map(e -> functions.collect_set(DesignData.column(e))).toArray(Column[]::new);
        Row levelSets = data.agg(sets[0], Arrays.copyOfRange(sets, 1, sets.length)).first();
        List<Map<Object, Integer>> levelIds = new ArrayList<>();
        int[] offset = new int[secondary.size() + 1];
        for (int e = 0; e < secondary.size(); e++) {
            Map<Object, Integer> ids = levels(levelSets.getList(e), offset[e]);
            levelIds.add(ids);
            offset[e + 1] = offset[e] + ids.size();
        }
        int m = offset[secondary.size()];
        long levelsDone = System.nanoTime();

        // Partitioned by the primary, so that it is absorbed whole in its partition; a cluster variable
        // other than the primary need not nest it (its score sums then meet on the driver).
        int localCluster = clusterNames.indexOf(primary);
        String partitionKey = primary;
        int partitions = spec.partitions() != null ? spec.partitions()
                : Math.max(data.sparkSession().sparkContext().defaultParallelism(), data.rdd().getNumPartitions());
        Dataset<Row> parted = data.repartition(partitions, DesignData.column(partitionKey));
        DataType[] types = Arrays.stream(parted.schema().fields()).map(StructField::dataType).toArray(DataType[]::new);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        Broadcast<List<Map<Object, Integer>>> ids = jsc.broadcast(levelIds);
        int[] secondaryColumns = secondary.stream().mapToInt(e -> nv + effects.indexOf(e)).toArray();
        RowReader reader = new RowReader(variables, types, nv + effects.indexOf(primary), secondaryColumns,
                nv + effects.size(), dimensions, weights, ids);
        JavaRDD<AbsorbedRows> rows = parted.queryExecution().toRdd().toJavaRDD()
                .mapPartitionsWithIndex(reader::read, false);
        rows.setName("quex absorbed rows " + f).persist(StorageLevel.MEMORY_AND_DISK());
        int depth = rows.getNumPartitions() > 256 ? 2 : 1;

        AbsorbedRows.Counts c = rows.treeAggregate(new AbsorbedRows.Counts(m), (acc, b) -> acc.merge(b.counts(m)),
                AbsorbedRows.Counts::merge, depth);
        long rowsIn = c.rows;
        boolean keep = spec.absorb().keepSingletons();
        while (!keep && c.anySingleton()) {
            int[] sc = c.secondary;
            JavaRDD<AbsorbedRows> next = rows.map(b -> b.withoutSingletons(sc));
            next.setName(rows.name()).persist(StorageLevel.MEMORY_AND_DISK());
            c = next.treeAggregate(new AbsorbedRows.Counts(m), (acc, b) -> acc.merge(b.counts(m)),
                    AbsorbedRows.Counts::merge, depth);
            rows.unpersist(false);
            rows = next;
        }
        int[] levelCount = c.secondary;
        long trimmed = System.nanoTime();

        JavaRDD<WithinBlock> within = rows.map(r -> r.within(localCluster));
        within.setName("quex within " + f).persist(StorageLevel.MEMORY_AND_DISK());
        boolean exact = m <= exactLevels;
        boolean clusters = cluster != null;
        WithinBlock.SystemTotals t = within.treeAggregate(new WithinBlock.SystemTotals(m, nv, exact, dimensions),
                (acc, b) -> acc.merge(b.system(m, exact)), WithinBlock.SystemTotals::merge, depth);
        rows.unpersist(false);
        long systemDone = System.nanoTime();

        // Which secondary effects are nested in the primary (no variation within it) or in a cluster variable.
        Map<String, String> nestedIn = new LinkedHashMap<>();
        List<String> nestedInClusters = new ArrayList<>();
        boolean primaryInClusters = clusters && (t.primaryNested & ((1L << dimensions) - 1)) != 0;
        if (primaryInClusters) {
            nestedInClusters.add(primary);
        }
        boolean[] inClusters = new boolean[secondary.size()];
        for (int e = 0; e < secondary.size(); e++) {
            boolean inPrimary = true;
            for (int l = offset[e]; l < offset[e + 1]; l++) {
                if (levelCount[l] > 0) {
                    inPrimary &= t.diag[l] <= SecondarySystem.RANK_TOLERANCE * t.weight[l];
                }
            }
            if (inPrimary) {
                nestedIn.put(secondary.get(e), primary);
            }
            inClusters[e] = clusters && t.nestedInClusters(offset[e], offset[e + 1], levelCount);
            if (inClusters[e]) {
                nestedInClusters.add(secondary.get(e));
            }
        }

        double[] gamma;
        long[] present = new long[secondary.size()];
        long[] kept = new long[secondary.size()];
        for (int e = 0; e < secondary.size(); e++) {
            for (int l = offset[e]; l < offset[e + 1]; l++) {
                present[e] += levelCount[l] > 0 ? 1 : 0;
            }
        }
        String method;
        int iterations;
        boolean converged;
        double residual;
        long dfCluster;
        if (exact) {
            // Effects nested in the clusters first: the redundancy shared with the others is theirs.
            int[] order = new int[m];
            int k = 0;
            for (boolean first : new boolean[] {true, false}) {
                for (int e = 0; e < secondary.size(); e++) {
                    if (inClusters[e] == first) {
                        for (int l = offset[e]; l < offset[e + 1]; l++) {
                            order[k++] = l;
                        }
                    }
                }
            }
            SecondarySystem.Exact solution = SecondarySystem.exact(t.s, t.b, m, nv, order);
            gamma = solution.gamma();
            for (int e = 0; e < secondary.size(); e++) {
                for (int l = offset[e]; l < offset[e + 1]; l++) {
                    kept[e] += solution.kept()[l] ? 1 : 0;
                }
            }
            method = "schur";
            iterations = 0;
            converged = true;
            residual = Double.NaN;
            dfCluster = clusters ? exactClusterDf(t, m, offset, inClusters, primaryInClusters, c.primaryLevels) : 0;
        } else {
            SecondarySystem.Iterative solution = SecondarySystem.conjugateGradient(t.b, t.diag, m, nv,
                    spec.absorb().tolerance(), spec.absorb().maxIterations(), pm -> {
                        Broadcast<double[]> shared = jsc.broadcast(pm);
                        try {
                            return within.treeAggregate(new double[m * nv],
                                    (acc, b) -> add(acc, b.times(shared.value(), m)), AbsorbedDesign::add, depth);
                        } finally {
                            shared.destroy();
                        }
                    });
            gamma = solution.gamma();
            // Without a factorization, reghdfe's pairwise count: an effect's redundant levels are the most
            // components it forms with any earlier effect (the primary first); exact for two effects.
            int effectsS = secondary.size();
            WithinBlock.Links links = within.treeAggregate(
                    new WithinBlock.Links(WithinBlock.Links.pairs(effectsS), m), (acc, b) -> acc.merge(b.links(m)),
                    WithinBlock.Links::merge, depth);
            for (int e = 0; e < effectsS; e++) {
                long components = links.components(e, levelCount, offset[e], offset[e + 1], 0, 0);
                for (int h = 0; h < e; h++) {
                    components = Math.max(components, links.components(WithinBlock.Links.pair(effectsS, h, e),
                            levelCount, offset[h], offset[h + 1], offset[e], offset[e + 1]));
                }
                kept[e] = nestedIn.containsKey(secondary.get(e)) ? 0 : present[e] - components;
            }
            method = "cg";
            iterations = solution.iterations();
            converged = solution.converged();
            residual = solution.relativeResidual();
            dfCluster = clusters ? pairwiseClusterDf(links, levelCount, offset, present, inClusters, primaryInClusters,
                    c.primaryLevels) : 0;
        }
        long solved = System.nanoTime();
        long primaryLevels = c.primaryLevels;
        long dfA = primaryLevels;
        Map<String, Long> levels = new LinkedHashMap<>();
        Map<String, Long> redundant = new LinkedHashMap<>();
        for (String e : effects) {
            if (e.equals(primary)) {
                levels.put(e, primaryLevels);
                redundant.put(e, 0L);
                continue;
            }
            int s = secondary.indexOf(e);
            levels.put(e, present[s]);
            redundant.put(e, present[s] - kept[s]);
            dfA += kept[s];
        }
        if (!clusters) {
            dfCluster = dfA;
        }
        Absorption absorption = new Absorption(effects, primary, levels, redundant, nestedIn, nestedInClusters,
                rowsIn - c.rows, keep, dfA, dfCluster, method, iterations, spec.absorb().tolerance(), converged,
                residual);

        Broadcast<double[]> shared = jsc.broadcast(gamma);
        JavaRDD<DesignBlock> blocks = within.map(b -> b.residualize(shared.value(), m));
        blocks.setName("quex design " + f).persist(StorageLevel.MEMORY_AND_DISK());
        DesignData design = new DesignData(blocks, variables.subList(1, nv), absorption);
        design.clusterDimensions = dimensions;
        design.localCluster = localCluster;
        within.unpersist(false);
        long end = System.nanoTime();
        LOG.info("absorbed {} in '{}': primary {} ({} levels), {} secondary levels by {}{}, {} singleton rows dropped,"
                + " df_a {}, {} ms (levels {}, rows and singletons {}, system {}, solve {}, absorbed blocks {})",
                effects, f, primary, primaryLevels, m, method, exact ? "" : " (" + iterations + " iterations)",
                absorption.singletonRows(), dfA, ms(end - start), ms(levelsDone - start), ms(trimmed - levelsDone),
                ms(systemDone - trimmed), ms(solved - systemDone), ms(end - solved));
        return design;
    }

    /**
     * The absorbed parameters of reghdfe's cluster small-sample factor, by exact ranks: the rank of
     * the constant and the dummies of the effects not nested in any cluster variable (reghdfe:
     * e(df_a) without the nested effects, plus the constant it then subtracts). With the primary not
     * nested that is its levels plus the rank of S over the other non-nested levels (a principal
     * submatrix of S is the same system for fewer effects); with the primary nested, 1 plus the rank
     * of the centred cross-tabulation of the non-nested secondary levels.
     */
    private static long exactClusterDf(WithinBlock.SystemTotals t, int m, int[] offset, boolean[] inClusters,
                                       boolean primaryInClusters, long primaryLevels) {
        List<Integer> free = new ArrayList<>();
        for (int e = 0; e < inClusters.length; e++) {
            for (int l = offset[e]; l < offset[e + 1] && !inClusters[e]; l++) {
                free.add(l);
            }
        }
        int[] order = free.stream().mapToInt(Integer::intValue).toArray();
        double[] system = primaryInClusters ? t.centredCrossCounts() : t.s;
        int rank = SecondarySystem.exact(system, new double[0], m, 0, order).rank();
        return (primaryInClusters ? 1 : primaryLevels) + rank;
    }

    /**
     * The same by reghdfe's pairwise rule (its DoF.mata): only the effects not nested in a cluster
     * variable, the primary first, then the others by name; each loses as many levels as the most
     * connected components it forms with an earlier one, at least one when it is not the first or
     * when some effect is nested (the constant), and then 1 is added back for the constant.
     */
    private static long pairwiseClusterDf(WithinBlock.Links links, int[] levelCount, int[] offset, long[] present,
                                          boolean[] inClusters, boolean primaryInClusters, long primaryLevels) {
        int effects = inClusters.length;
        boolean anyNested = primaryInClusters;
        for (boolean in : inClusters) {
            anyNested |= in;
        }
        long df = anyNested ? 1 : 0;
        boolean first = true;
        if (!primaryInClusters) {
            df += primaryLevels - (anyNested ? 1 : 0);
            first = false;
        }
        for (int e = 0; e < effects; e++) {
            if (inClusters[e]) {
                continue;
            }
            long redundant = first && !anyNested ? 0 : 1;
            if (!primaryInClusters) {
                redundant = Math.max(redundant, links.components(e, levelCount, offset[e], offset[e + 1], 0, 0));
            }
            for (int h = 0; h < e; h++) {
                if (!inClusters[h]) {
                    redundant = Math.max(redundant, links.components(WithinBlock.Links.pair(effects, h, e),
                            levelCount, offset[h], offset[h + 1], offset[e], offset[e + 1]));
                }
            }
            df += present[e] - redundant;
            first = false;
        }
        return df;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /** The levels of a secondary effect (no nulls) in sorted order, as combined indices from {@code first}. */
    private static Map<Object, Integer> levels(List<Object> set, int first) {
        List<Object> values = new ArrayList<>(set);
        values.sort(Comparator.comparing(DesignData::sortKey));
        Map<Object, Integer> ids = new HashMap<>();
        for (Object v : values) {
            ids.put(v, first + ids.size());
        }
        return ids;
    }

    /** Reads a partition's rows into {@link AbsorbedRows}: parsed variables, level ids, cluster ids, weights. */
    private static final class RowReader implements Serializable {
        private static final long serialVersionUID = 1L;
        private final List<String> variables;
        private final DataType[] types;
        private final int primaryColumn;
        private final int[] secondaryColumns;
        /** The first cluster variable's column; the others follow it, then the weight. */
        private final int clusterColumn;
        private final int dimensions;
        private final ModelSpec.Weights weights;
        private final Broadcast<List<Map<Object, Integer>>> ids;

        RowReader(List<String> variables, DataType[] types, int primaryColumn, int[] secondaryColumns,
                  int clusterColumn, int dimensions, ModelSpec.Weights weights,
                  Broadcast<List<Map<Object, Integer>>> ids) {
            this.variables = List.copyOf(variables);
            this.types = types;
            this.primaryColumn = primaryColumn;
            this.secondaryColumns = secondaryColumns;
            this.clusterColumn = clusterColumn;
            this.dimensions = dimensions;
            this.weights = weights;
            this.ids = ids;
        }

        Iterator<AbsorbedRows> read(Integer partition, Iterator<InternalRow> rows) {
            int nv = variables.size();
            int effects = secondaryColumns.length;
            List<Map<Object, Integer>> maps = ids.value();
            Map<Object, Integer> primaryIds = new HashMap<>();
            List<Map<Object, Integer>> clusterIds = new ArrayList<>();
            IntList[] cluster = new IntList[dimensions];
            for (int d = 0; d < dimensions; d++) {
                clusterIds.add(new HashMap<>());
                cluster[d] = new IntList();
            }
            DoubleList[] values = new DoubleList[nv];
            Arrays.setAll(values, i -> new DoubleList());
            DoubleList weight = new DoubleList();
            IntList primary = new IntList();
            IntList levels = new IntList();
            int[] lv = new int[effects];
            Object[] keys = new Object[dimensions];
            int weightColumn = clusterColumn + dimensions;
            long missing = 0;
            double[] v = new double[nv];
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                boolean complete = true;
                for (int i = 0; i < nv; i++) {
                    v[i] = value(row, i);
                    complete &= !Double.isNaN(v[i]);
                }
                Object p = key(row, primaryColumn);
                complete &= p != null;
                for (int e = 0; e < effects && complete; e++) {
                    Object k = key(row, secondaryColumns[e]);
                    complete = k != null;
                    if (complete) {
                        lv[e] = maps.get(e).get(k);
                    }
                }
                for (int d = 0; d < dimensions; d++) {
                    keys[d] = key(row, clusterColumn + d);
                    complete &= keys[d] != null;
                }
                double w = weights == null ? 1.0
                        : BlockBuilder.weight(row, weightColumn, types[weightColumn], weights);
                if (!complete || !(w > 0)) { // missing or zero weight: not in the sample, as in Stata
                    missing++;
                    continue;
                }
                for (int i = 0; i < nv; i++) {
                    values[i].add(v[i]);
                }
                weight.add(w);
                primary.add(primaryIds.computeIfAbsent(p, x -> primaryIds.size()));
                for (int e = 0; e < effects; e++) {
                    levels.add(lv[e]);
                }
                for (int d = 0; d < dimensions; d++) {
                    Map<Object, Integer> local = clusterIds.get(d);
                    cluster[d].add(local.computeIfAbsent(keys[d], x -> local.size()));
                }
            }
            int n = primary.size;
            int p = nv - 1;
            double[] columns = new double[n * nv]; // regressors, then the response
            for (int j = 1; j < nv; j++) {
                values[j].copyTo(columns, (j - 1) * n);
                values[j] = null;
            }
            values[0].copyTo(columns, p * n);
            int[][] clusterRows = new int[dimensions][];
            Object[][] clusterKeys = new Object[dimensions][];
            for (int d = 0; d < dimensions; d++) {
                clusterRows[d] = cluster[d].toArray();
                clusterKeys[d] = new Object[clusterIds.get(d).size()];
                for (Map.Entry<Object, Integer> k : clusterIds.get(d).entrySet()) {
                    clusterKeys[d][k.getValue()] = k.getKey();
                }
            }
            double[] w = null;
            if (weights != null) {
                w = new double[n];
                weight.copyTo(w, 0);
            }
            return List.of(new AbsorbedRows(partition, n, p, columns, primary.toArray(), primaryIds.size(), effects,
                    levels.toArray(), clusterRows, clusterKeys, w,
                    weights != null && weights.kind() == ModelSpec.Weights.Kind.FREQUENCY, missing)).iterator();
        }

        private double value(InternalRow row, int i) {
            return BlockBuilder.value(row, i, types[i], variables.get(i));
        }

        private Object key(InternalRow row, int i) {
            return BlockBuilder.key(row, i, types[i]);
        }
    }

    /** A growable double array. */
    private static final class DoubleList {
        private double[] a = new double[1024];
        private int size;

        void add(double v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        void copyTo(double[] target, int offset) {
            System.arraycopy(a, 0, target, offset, size);
        }
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] a = new int[1024];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
