package org.quex.panel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.quex.match.NameNormalizer;
import org.quex.match.PanelIds;

/**
 * The Spark edge of {@link PanelIds}: the identifying fields of every clean ASIF firm-year of the
 * panel's years are brought to the driver (about 100 bytes a firm-year: 4.4 million firm-years fit
 * in well under a GB), chained there, and returned as a table (year, firm_id, panel_id) to join.
 */
final class PanelIdAssignment {
    static final StructType SCHEMA = PanelRows.schema("year:int", "firm_id:string", "panel_id:string");

    record Assigned(Dataset<Row> ids, PanelIds.Result result) {
    }

    private PanelIdAssignment() {
    }

    static Assigned assign(SparkSession spark, Dataset<Row> asif, IndustryClassification industries, PanelConfig config) {
        List<PanelIds.FirmYear> firmYears = new ArrayList<>();
        Iterator<Row> rows = asif.select("year", "firm_id", "firm_name", "legal_person", "region_code", "founding_year",
                "phone", "industry_code").toLocalIterator();
        while (rows.hasNext()) {
            firmYears.add(firmYear(rows.next(), industries));
        }
        PanelIds.Result result = PanelIds.build(firmYears, config.idSteps(), config.idMaxGap());
        List<Row> out = new ArrayList<>(firmYears.size());
        for (int i = 0; i < firmYears.size(); i++) {
            out.add(RowFactory.create(firmYears.get(i).year(), firmYears.get(i).firmId(), result.panelIds().get(i)));
        }
        // an RDD, not a local relation: a local relation carries its 400 k rows inside the logical plan,
        // and every join with it (quality, TFP, the final table) analysed and printed them again
        JavaRDD<Row> idRows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(out, spark.sparkContext().defaultParallelism());
        return new Assigned(spark.createDataFrame(idRows, SCHEMA), result);
    }

    /** The chain's view of a clean ASIF row: normalized name, county (first six digits of the region code), phone7. */
    static PanelIds.FirmYear firmYear(Row r, IndustryClassification industries) {
        int year = r.getInt(0);
        String region = r.isNullAt(4) ? null : r.getString(4).trim();
        IndustryClassification.Mapped cic = industries.toCic2002(year, r.isNullAt(7) ? null : r.getString(7));
        Integer founding = r.isNullAt(5) || r.getInt(5) == 0 ? null : r.getInt(5);
        return new PanelIds.FirmYear(year, r.getString(1), r.isNullAt(2) ? null : NameNormalizer.normalize(r.getString(2)),
                r.isNullAt(3) ? null : r.getString(3).trim(),
                region == null || region.length() < 6 ? null : region.substring(0, 6), founding,
                r.isNullAt(6) ? null : NameNormalizer.phone7(r.getString(6)), cic == null ? null : cic.cic2002());
    }
}
