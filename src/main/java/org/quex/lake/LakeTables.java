package org.quex.lake;

import org.apache.hadoop.fs.Path;

/**
 * The one place lake table locations are defined. A lake is a root (local path, hdfs:// or s3a://)
 * holding one directory per stage and source, each partitioned by year=Y (and more where a stage
 * says so), plus run manifests and data-quality tables.
 */
public record LakeTables(String root) {
    /** The directories whose subdirectories are the lake's tables (raw/asif, clean/customs_firm_year, …), in stage order. */
    public static final java.util.List<String> TABLE_DIRECTORIES = java.util.List.of("raw", "quarantine", "clean", "match", "panel");

    /** Typed ingest output of a source: lake/raw/&lt;source&gt;. */
    public Path raw(String source) {
        return new Path(root, "raw/" + source);
    }

    /** Records ingest could not parse or type: lake/quarantine/&lt;source&gt;. */
    public Path quarantine(String source) {
        return new Path(root, "quarantine/" + source);
    }

    /** Rows of a source that pass cleaning: lake/clean/&lt;source&gt;. */
    public Path clean(String source) {
        return new Path(root, "clean/" + source);
    }

    /** Rows cleaning removed, with the rule that removed them: lake/clean/&lt;source&gt;_rejected. */
    public Path cleanRejected(String source) {
        return new Path(root, "clean/" + source + "_rejected");
    }

    /** Firm-year export aggregates from Customs: lake/clean/customs_firm_year. */
    public Path customsFirmYear() {
        return new Path(root, "clean/customs_firm_year");
    }

    /** Customs firm ↔ ASIF firm links per year, with the pass that made them: lake/match/links. */
    public Path matchLinks() {
        return new Path(root, "match/links");
    }

    /** The firm-year panel with every variable of the study: lake/panel/firm_year. */
    public Path panelFirmYear() {
        return new Path(root, "panel/firm_year");
    }

    /** Descriptive statistics of every panel variable, per year and over all years: lake/panel/summary. */
    public Path panelSummary() {
        return new Path(root, "panel/summary");
    }

    /** The production function fitted per industry for TFP: lake/panel/tfp_production_functions. */
    public Path panelProductionFunctions() {
        return new Path(root, "panel/tfp_production_functions");
    }

    /** Data-quality metrics of a stage and source: lake/_quality/&lt;stage&gt;/&lt;source&gt;. */
    public Path quality(String stage, String source) {
        return new Path(root, "_quality/" + stage + "/" + source);
    }

    /** Where a run writes tables before they are checked and moved into place: lake/_staging/&lt;name&gt;. */
    public Path staging(String name) {
        return new Path(root, "_staging/" + name);
    }

    /** Run manifests, one JSON file per run. */
    public Path manifests() {
        return new Path(root, "_manifests");
    }

    /** The directory of one year of a year-partitioned table. */
    public static Path yearPartition(Path table, int year) {
        return new Path(table, "year=" + year);
    }
}
