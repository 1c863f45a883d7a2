package org.quex.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.quex.QuexException;

/**
 * The Spark edge of estimation: a model's data as cached {@link DesignBlock}s, one per
 * partition, and the passes over them. Each pass is one distributed reduce into a small
 * {@link PassTotals}; no DataFrame work happens after the blocks are built.
 */
public final class DesignData implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DesignData.class);
    private static final Set<DataType> SIMPLE_KEY_TYPES = Set.of(DataTypes.StringType, DataTypes.IntegerType,
            DataTypes.LongType, DataTypes.ShortType, DataTypes.ByteType, DataTypes.DoubleType, DataTypes.BooleanType);

    private JavaRDD<DesignBlock> blocks;
    private DesignSummary summary;
    /** Names of the stored columns: the design columns of the formula's terms (ModelColumns). */
    final List<String> columns;
    /** Number of leading stored columns that are dummies of an absorbed effect. */
    final int absorbedColumns;
    /** Whether the blocks were built from columnar batches rather than rows. */
    final boolean fromBatches;
    /** How two or more absorbed effects were taken out, or null (one effect, or none). */
    final Absorption absorption;
    /** The number of cluster variables (2 or more: multi-way clustering). */
    int clusterDimensions;
    /**
     * The cluster variable whose clusters never cross blocks ({@link DesignBlock#localCluster}):
     * 0 unless FE errors are clustered by variables other than the absorbed effect partitioned on.
     */
    int localCluster;
    /** The stored columns of each single i(var) term, as indices into {@link #columns} (see ModelColumns). */
    List<int[]> factorGroups = List.of();
    /** Whether the blocks' weights are frequency weights (they change how a robust meat counts a row). */
    boolean frequencyWeights;

    private DesignData(JavaRDD<DesignBlock> blocks, List<String> columns, int absorbedColumns, boolean fromBatches) {
        this(blocks, columns, absorbedColumns, fromBatches, null);
    }

    /** Fully absorbed blocks of a model with several absorbed effects ({@link AbsorbedDesign}). */
    DesignData(JavaRDD<DesignBlock> blocks, List<String> columns, Absorption absorption) {
        this(blocks, columns, 0, false, absorption);
    }

    private DesignData(JavaRDD<DesignBlock> blocks, List<String> columns, int absorbedColumns, boolean fromBatches,
                       Absorption absorption) {
        this.columns = List.copyOf(columns);
        this.absorbedColumns = absorbedColumns;
        this.fromBatches = fromBatches;
        this.absorption = absorption;
        this.blocks = blocks;
        this.summary = summarize(blocks);
    }

    /** Selects, partitions and converts the model's columns once, and caches the blocks. */
    public static DesignData build(Dataset<Row> input, ModelSpec spec) {
        spec.validate();
        Formula f = spec.formula();
        String group = spec.model() == ModelSpec.Model.FE ? spec.groupVariable() : null;
        // Two or more absorbed effects, in any order: AbsorbedDesign. One: the within blocks here.
        boolean multiway = spec.model() == ModelSpec.Model.FE && f.absorbed().size() > 1;
        String cluster = spec.clusterVariable();
        List<String> otherClusters = spec.otherClusterVariables();

        List<String> keys = new ArrayList<>();
        if (multiway) {
            keys.addAll(f.absorbed());
        } else if (group != null) {
            keys.add(group);
        }
        if (cluster != null) {
            keys.add(cluster);
        }
        // vce18's keys after the existing ones: further cluster variables, then the weight column.
        keys.addAll(otherClusters);
        ModelSpec.Weights weights = spec.weights();
        Set<String> needed = new LinkedHashSet<>(f.variables());
        needed.addAll(keys);
        if (weights != null) {
            needed.add(weights.variable());
        }
        checkColumns(input, needed);

        // The response and design columns (see ModelColumns), then the keys with their own type.
        ModelColumns model = ModelColumns.of(input, f);
        List<String> variables = new ArrayList<>();
        variables.add(f.response());
        variables.addAll(model.names);
        List<Column> columnsIn = new ArrayList<>(model.columns);
        for (String name : keys) {
            DataType type = input.schema().apply(name).dataType();
            // Keys as types whose internal and external values coincide (dates etc. become text).
            columnsIn.add(SIMPLE_KEY_TYPES.contains(type) ? column(name) : column(name).cast(DataTypes.StringType));
        }
        if (weights != null) { // last, after every key: a number, or text parsed where the blocks are built
            DataType type = input.schema().apply(weights.variable()).dataType();
            columnsIn.add(type instanceof StringType ? column(weights.variable())
                    : column(weights.variable()).cast(DataTypes.DoubleType));
        }
        Dataset<Row> data = input.select(columnsIn.toArray(Column[]::new));
        if (multiway) {
            DesignData design = AbsorbedDesign.build(data, spec, variables);
            design.factorGroups = model.factorGroups; // no dummy columns before the design columns
            design.frequencyWeights = weights != null && weights.kind() == ModelSpec.Weights.Kind.FREQUENCY;
            return design;
        }
        List<String> columns = new ArrayList<>();
        int absorbed = columns.size();
        columns.addAll(model.names);

        // FE: partitioned by the group, so that it is demeaned whole; clusters other than the group then
        // cross partitions (the group need not nest in them, as reghdfe allows and xtreg does not).
        boolean spanning = group != null && cluster != null && !cluster.equals(group);
        String partitionKey = group != null ? group : cluster;
        if (partitionKey != null) {
            // Planning the input to count its partitions costs a few tens of ms: only here is it needed.
            int partitions = spec.partitions() != null ? spec.partitions()
                    : Math.max(data.sparkSession().sparkContext().defaultParallelism(), data.rdd().getNumPartitions());
            data = data.repartition(partitions, column(partitionKey));
        } else if (spec.partitions() != null) {
            data = data.repartition(spec.partitions());
        }
        DataType[] types = java.util.Arrays.stream(data.schema().fields()).map(StructField::dataType)
                .toArray(DataType[]::new);
        BlockBuilder builder = new BlockBuilder(variables, types, group, null, cluster, otherClusters.size(),
                weights, !spec.absorb().keepSingletons());
        if (spanning) {
            builder.withSpanningClusters();
        }
        // Columnar batches where the plan yields them (a cached table of numbers) and the model
        // can use them, otherwise internal rows: never external Row objects.
        SparkPlan plan = data.queryExecution().executedPlan();
        boolean fromBatches = plan.supportsColumnar() && builder.readsBatches();
        JavaRDD<DesignBlock> blocks = fromBatches
                ? plan.executeColumnar().toJavaRDD().mapPartitions(builder::buildFromBatches)
                : data.queryExecution().toRdd().toJavaRDD().mapPartitions(builder::build);
        blocks.setName("quex design " + f).persist(StorageLevel.MEMORY_AND_DISK());
        long start = System.nanoTime();
        DesignData design = new DesignData(blocks, columns, absorbed, fromBatches);
        design.clusterDimensions = (cluster != null ? 1 : 0) + otherClusters.size();
        design.localCluster = spanning ? -1 : 0;
        design.factorGroups = model.factorGroups.stream()
                .map(g -> Arrays.stream(g).map(j -> j + absorbed).toArray()).toList();
        design.frequencyWeights = weights != null && weights.kind() == ModelSpec.Weights.Kind.FREQUENCY;
        LOG.info("design of '{}': {} rows ({} with missing values dropped), {} columns, {} partitions, built from {}"
                + " in {} ms", f, design.summary.rows(), design.summary.missingRows(), columns.size(),
                blocks.getNumPartitions(), fromBatches ? "columnar batches" : "rows", (System.nanoTime() - start) / 1_000_000);
        return design;
    }

    static Column column(String name) {
        return functions.col("`" + name + "`");
    }

    private static void checkColumns(Dataset<Row> input, Set<String> needed) {
        List<String> available = Arrays.asList(input.columns());
        for (String name : needed) {
            if (!available.contains(name)) {
                throw new QuexException("column '" + name + "' not found in the input (columns: "
                        + String.join(", ", available) + ")");
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Comparable sortKey(Object v) {
        return v instanceof Comparable c ? c : v.toString();
    }

    private DesignSummary summarize(JavaRDD<DesignBlock> rdd) {
        return rdd.treeAggregate(new DesignSummary(columns.size()), (acc, b) -> acc.merge(b.summary),
                DesignSummary::merge, treeDepth(rdd));
    }

    public DesignSummary summary() {
        return summary;
    }

    /** Removes the rows where a stored column equals a value (perfect prediction in probit). */
    void dropRows(int column, double value) {
        replaceBlocks(blocks.map(b -> b.withoutRows(column, value)));
    }

    /** Keeps only the rows where a stored column equals a value (quasi-complete separation in probit). */
    void keepRows(int column, double value) {
        replaceBlocks(blocks.map(b -> b.onlyRows(column, value)));
    }

    /** Codes the response 0/1, any nonzero value a success (a probit outcome coded 0/k). */
    void binaryResponse() {
        replaceBlocks(blocks.map(DesignBlock::withBinaryResponse));
    }

    private void replaceBlocks(JavaRDD<DesignBlock> next) {
        next.setName(blocks.name()).persist(StorageLevel.MEMORY_AND_DISK());
        summary = summarize(next);
        blocks.unpersist(false);
        blocks = next;
    }

    /**
     * How the meat is formed on these blocks: the spec's, except that one cluster variable whose
     * clusters cross blocks is summed by key as multi-way clustering is ({@link ClusterMeats}).
     */
    BlockMath.Meat meat(ModelSpec spec) {
        BlockMath.Meat meat = spec.meat();
        return meat == BlockMath.Meat.CLUSTER && localCluster != 0 ? BlockMath.Meat.MULTIWAY : meat;
    }

    /** Residuals and the meat; {@code bread} (full q×q) is needed for the HC3 leverages only. */
    PassTotals residuals(BlockMath.Layout layout, double yShift, double[] theta, BlockMath.Meat meat, double[] bread) {
        boolean frequency = frequencyWeights; // not the field: the closure must not capture this
        return pass(new PassTotals(layout.q(), 0, meat != BlockMath.Meat.NONE, multiway(meat), localCluster),
                b -> BlockMath.residuals(b, layout, yShift, theta, meat, bread, frequency));
    }

    PassTotals probit(BlockMath.Layout layout, double[] theta, boolean expected, BlockMath.Meat meat) {
        return pass(new PassTotals(layout.q(), layout.q(), meat != BlockMath.Meat.NONE, multiway(meat), localCluster),
                b -> BlockMath.probit(b, layout, theta, expected, meat));
    }

    /** One pass of the sums behind average marginal effects after probit. */
    double[] margins(BlockMath.Layout layout, double[] theta, int[] binary, int[][] groups, double[] reported) {
        int length = Margins.accumulatorLength(layout.q(), binary.length);
        return pass(new PassTotals(length, 0, false),
                b -> BlockMath.margins(b, layout, theta, binary, groups, reported)).vector;
    }

    private int multiway(BlockMath.Meat meat) {
        return meat == BlockMath.Meat.MULTIWAY ? clusterDimensions : 0;
    }

    /** One pass: each block's totals, summed with a tree reduce; an empty RDD gives the zero. */
    private PassTotals pass(PassTotals zero, org.apache.spark.api.java.function.Function<DesignBlock, PassTotals> perBlock) {
        return blocks.treeAggregate(zero, (acc, b) -> acc.mergeInto(perBlock.call(b)), PassTotals::mergeInto,
                treeDepth(blocks));
    }

    /**
     * A pass result is a few kB: up to a few hundred partitions the driver merges them directly;
     * an intermediate tree level (an extra stage) only pays beyond that.
     */
    private static int treeDepth(JavaRDD<DesignBlock> rdd) {
        return rdd.getNumPartitions() > 256 ? 2 : 1;
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
