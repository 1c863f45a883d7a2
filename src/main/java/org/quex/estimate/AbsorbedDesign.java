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
 * Singleton rows are trimmed first, iteratively across all effects, unless kept. The result is a
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
     *                  effects in formula order, then the cluster key if any
     * @param variables the response, then the design columns (ModelColumns' names)
     */
    static DesignData build(Dataset<Row> data, ModelSpec spec, List<String> variables) {
        long start = System.nanoTime();
        Formula f = spec.formula();
        List<String> effects = f.absorbed();
        String cluster = spec.clusterVariable();
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

        String partitionKey = cluster != null ? cluster : primary;
        int partitions = spec.partitions() != null ? spec.partitions()
                : Math.max(data.sparkSession().sparkContext().defaultParallelism(), data.rdd().getNumPartitions());
        Dataset<Row> parted = data.repartition(partitions, DesignData.column(partitionKey));
        DataType[] types = Arrays.stream(parted.schema().fields()).map(StructField::dataType).toArray(DataType[]::new);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        Broadcast<List<Map<Object, Integer>>> ids = jsc.broadcast(levelIds);
        int[] secondaryColumns = secondary.stream().mapToInt(e -> nv + effects.indexOf(e)).toArray();
        RowReader reader = new RowReader(variables, types, nv + effects.indexOf(primary), secondaryColumns,
                cluster != null ? nv + effects.size() : -1, ids, primary, cluster);
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

        JavaRDD<WithinBlock> within = rows.map(AbsorbedRows::within);
        within.setName("quex within " + f).persist(StorageLevel.MEMORY_AND_DISK());
        boolean exact = m <= exactLevels;
        boolean clusters = cluster != null;
        WithinBlock.SystemTotals t = within.treeAggregate(new WithinBlock.SystemTotals(m, nv, exact, clusters),
                (acc, b) -> acc.merge(b.system(m, exact, clusters)), WithinBlock.SystemTotals::merge, depth);
        rows.unpersist(false);
        long systemDone = System.nanoTime();

        // Which secondary effects are nested in the primary (no variation within it) or in the clusters.
        Map<String, String> nestedIn = new LinkedHashMap<>();
        List<String> nestedInClusters = new ArrayList<>();
        if (clusters) {
            nestedInClusters.add(primary);
        }
        boolean[] inClusters = new boolean[secondary.size()];
        for (int e = 0; e < secondary.size(); e++) {
            boolean inPrimary = true;
            boolean inCluster = clusters;
            for (int l = offset[e]; l < offset[e + 1]; l++) {
                if (levelCount[l] == 0) {
                    continue;
                }
                inPrimary &= t.diag[l] <= SecondarySystem.RANK_TOLERANCE * levelCount[l];
                inCluster &= clusters && t.clusterOf[l] != WithinBlock.MANY;
            }
            if (inPrimary) {
                nestedIn.put(secondary.get(e), primary);
            }
            if (inCluster) {
                nestedInClusters.add(secondary.get(e));
            }
            inClusters[e] = inCluster;
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
        }
        long solved = System.nanoTime();
        long primaryLevels = c.primaryLevels;
        long dfA = primaryLevels;
        long dfCluster = 1;
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
            if (!inClusters[s]) {
                dfCluster += kept[s];
            }
        }
        Absorption absorption = new Absorption(effects, primary, levels, redundant, nestedIn, nestedInClusters,
                rowsIn - c.rows, keep, dfA, dfCluster, method, iterations, spec.absorb().tolerance(), converged,
                residual);

        Broadcast<double[]> shared = jsc.broadcast(gamma);
        JavaRDD<DesignBlock> blocks = within.map(b -> b.residualize(shared.value(), m));
        blocks.setName("quex design " + f).persist(StorageLevel.MEMORY_AND_DISK());
        DesignData design = new DesignData(blocks, variables.subList(1, nv), absorption);
        design.clusterDimensions = clusters ? 1 : 0;
        within.unpersist(false);
        long end = System.nanoTime();
        LOG.info("absorbed {} in '{}': primary {} ({} levels), {} secondary levels by {}{}, {} singleton rows dropped,"
                + " df_a {}, {} ms (levels {}, rows and singletons {}, system {}, solve {}, absorbed blocks {})",
                effects, f, primary, primaryLevels, m, method, exact ? "" : " (" + iterations + " iterations)",
                absorption.singletonRows(), dfA, ms(end - start), ms(levelsDone - start), ms(trimmed - levelsDone),
                ms(systemDone - trimmed), ms(solved - systemDone), ms(end - solved));
        return design;
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

    /** Reads a partition's rows into {@link AbsorbedRows}: parsed variables, level ids, cluster ids. */
    private static final class RowReader implements Serializable {
        private static final long serialVersionUID = 1L;
        private final List<String> variables;
        private final DataType[] types;
        private final int primaryColumn;
        private final int[] secondaryColumns;
        private final int clusterColumn;
        private final Broadcast<List<Map<Object, Integer>>> ids;
        private final String primaryName;
        private final String clusterName;

        RowReader(List<String> variables, DataType[] types, int primaryColumn, int[] secondaryColumns,
                  int clusterColumn, Broadcast<List<Map<Object, Integer>>> ids, String primaryName,
                  String clusterName) {
            this.variables = List.copyOf(variables);
            this.types = types;
            this.primaryColumn = primaryColumn;
            this.secondaryColumns = secondaryColumns;
            this.clusterColumn = clusterColumn;
            this.ids = ids;
            this.primaryName = primaryName;
            this.clusterName = clusterName;
        }

        Iterator<AbsorbedRows> read(Integer partition, Iterator<InternalRow> rows) {
            int nv = variables.size();
            int effects = secondaryColumns.length;
            List<Map<Object, Integer>> maps = ids.value();
            Map<Object, Integer> primaryIds = new HashMap<>();
            Map<Object, Integer> clusterIds = new HashMap<>();
            DoubleList[] values = new DoubleList[nv];
            Arrays.setAll(values, i -> new DoubleList());
            IntList primary = new IntList();
            IntList levels = new IntList();
            IntList cluster = new IntList();
            int[] lv = new int[effects];
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
                Object c = clusterColumn >= 0 ? key(row, clusterColumn) : null;
                if (!complete || (clusterColumn >= 0 && c == null)) {
                    missing++;
                    continue;
                }
                for (int i = 0; i < nv; i++) {
                    values[i].add(v[i]);
                }
                primary.add(primaryIds.computeIfAbsent(p, x -> primaryIds.size()));
                for (int e = 0; e < effects; e++) {
                    levels.add(lv[e]);
                }
                if (clusterColumn >= 0) {
                    cluster.add(clusterIds.computeIfAbsent(c, x -> clusterIds.size()));
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
            return List.of(new AbsorbedRows(partition, n, p, columns, primary.toArray(), primaryIds.size(), effects,
                    levels.toArray(), clusterColumn >= 0 ? cluster.toArray() : null, missing, primaryName,
                    clusterName)).iterator();
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
