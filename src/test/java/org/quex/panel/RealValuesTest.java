package org.quex.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quex.QuexException;

/** The deflator table's format and the perpetual-inventory capital stock on hand-computed firms. */
class RealValuesTest {
    private static Deflators table(String text) {
        return Deflators.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "deflators.csv");
    }

    @Test
    void theTableIsReadByIndustryYearWithAStarRowAndTheNearestYear() {
        Deflators d = table("year,industry2,output,input,capital\n2001,13,1.1,1.2,1.3\n2001,*,1.0,1.0,1.0\n"
                + "2003,13,1.5,1.6,1.7\n");
        assertEquals(new Deflators.Index(1.1, 1.2, 1.3), d.of(2001, "13"));
        assertEquals(new Deflators.Index(1.0, 1.0, 1.0), d.of(2001, "34"));     // the year's * row
        assertEquals(new Deflators.Index(1.1, 1.2, 1.3), d.of(1995, "13"));     // before the table: its first year
        assertEquals(new Deflators.Index(1.5, 1.6, 1.7), d.of(2009, "13"));     // after: its last
        assertEquals(new Deflators.Index(1.1, 1.2, 1.3), d.of(2002, "13"));     // a missing year inside: the one before
        assertNull(d.of(2003, "34"), "no row for the industry and no * row");
    }

    @Test
    void aBadTableNamesTheFileAndLine() {
        assertEquals("deflators.csv: line 1 must be 'year,industry2,output,input,capital', found 'year,output'",
                assertThrows(QuexException.class, () -> table("year,output\n2001,1\n")).getMessage());
        assertEquals("deflators.csv: line 3: output index 0 is not a positive number",
                assertThrows(QuexException.class, () -> table("year,industry2,output,input,capital\n"
                        + "2001,13,1,1,1\n2002,13,0,1,1\n")).getMessage());
        assertEquals("deflators.csv: line 2: industry2 '1' is not two digits or *",
                assertThrows(QuexException.class, () -> table("year,industry2,output,input,capital\n2001,1,1,1,1\n"))
                        .getMessage());
        assertEquals("deflators.csv: line 3: year 2001 industry 13 given twice",
                assertThrows(QuexException.class, () -> table("year,industry2,output,input,capital\n"
                        + "2001,13,1,1,1\n2001,13,1,1,1\n")).getMessage());
    }

    @Test
    void perpetualInventoryFromTheFirstBookValue() {
        Map<Integer, Double> price = Map.of(2000, 1.0, 2001, 1.0, 2002, 1.25, 2003, 1.25, 2004, 1.25);
        // founded 2000, first seen 2001 with book value 100: 50 invested in 2000 and 2001 (g = 0);
        // K2001 = 0.9·50 + 50 = 95; K2002 = 0.9·95 + 50/1.25 = 125.5; 2003 missing; K2004 = 0.81·125.5 = 101.655
        Double[] k = RealCapital.stocks(new int[] {2001, 2002, 2004}, new Long[] {100L, 150L, 150L}, 2000, 0.0, 0.1,
                price::get);
        assertEquals(95.0, k[0], 1e-12);
        assertEquals(125.5, k[1], 1e-12);
        assertEquals(101.655, k[2], 1e-9);
        // investment doubling each year: 100/3 in 2000, 200/3 in 2001 → K2001 = 0.9·100/3 + 200/3 = 96.666…
        assertEquals(96.66666666666667, RealCapital.stocks(new int[] {2001}, new Long[] {100L}, 2000, 1.0, 0.1,
                price::get)[0], 1e-9);
        // no book value in the first year: no stock until there is one; a founding year after it is ignored
        Double[] late = RealCapital.stocks(new int[] {2001, 2002}, new Long[] {null, 125L}, 2005, 0.0, 0.1, price::get);
        assertNull(late[0]);
        assertEquals(100.0, late[1], 1e-12);                                   // 125 / 1.25
        // disposals larger than the stock leave zero
        assertEquals(0.0, RealCapital.stocks(new int[] {2000, 2001}, new Long[] {100L, 0L}, 2000, 0.0, 0.1,
                price::get)[1], 0.0);                                         // 0.9·100 − 100 < 0
    }

    @Test
    void realValuesAlongEachPanelId() {
        org.apache.spark.sql.SparkSession spark = org.quex.SparkTestSession.get();
        // one firm whose id changes in 2002 (one panel id), industry 13 in a table with 2001 and 2002
        org.apache.spark.sql.types.StructType asifSchema = PanelRows.schema("year:int", "firm_id:string",
                "gross_output:long", "value_added:long", "intermediate_input:long", "fixed_assets:long",
                "founding_year:int", "employees:long");
        var asif = spark.createDataFrame(java.util.List.of(
                org.apache.spark.sql.RowFactory.create(2001, "A1", 1100L, 220L, 900L, 100L, 2000, 10L),
                org.apache.spark.sql.RowFactory.create(2002, "A2", 1500L, 300L, 1250L, 150L, 2000, 12L)), asifSchema);
        var industries = spark.createDataFrame(java.util.List.of(
                org.apache.spark.sql.RowFactory.create(2001, "A1", "13"),
                org.apache.spark.sql.RowFactory.create(2002, "A2", "13")), PanelRows.schema("year:int", "firm_id:string",
                "industry2:string"));
        var ids = spark.createDataFrame(java.util.List.of(
                org.apache.spark.sql.RowFactory.create(2001, "A1", "A1/2001"),
                org.apache.spark.sql.RowFactory.create(2002, "A2", "A1/2001")), PanelIdAssignment.SCHEMA);
        Deflators d = table("year,industry2,output,input,capital\n2001,13,1.1,1.0,1.0\n2002,13,1.25,1.25,1.25\n");
        java.util.List<org.apache.spark.sql.Row> rows = RealValues.of(asif, industries, ids, d, 0.1).orderBy("year")
                .collectAsList();
        assertEquals(1000.0, rows.get(0).getDouble(2), 1e-9);                  // 1100 / 1.1
        assertEquals(200.0, rows.get(0).getDouble(3), 1e-9);                   // 220 / 1.1
        assertEquals(900.0, rows.get(0).getDouble(4), 1e-9);
        assertEquals(1000.0, rows.get(1).getDouble(4), 1e-9);                  // 1250 / 1.25
        // growth of industry 13 = 150/100 − 1 = 0.5: 2000 gets 100/2.5 = 40, 2001 gets 60 (2000's index is 2001's)
        assertEquals(0.9 * 40 + 60, rows.get(0).getDouble(5), 1e-9);
        assertEquals(0.9 * 96 + 50 / 1.25, rows.get(1).getDouble(5), 1e-9);    // the stock follows the id change
        assertEquals(1.25, rows.get(1).getDouble(6), 0.0);                     // the output index
        assertEquals((0.9 * 96 + 50 / 1.25) / 12, rows.get(1).getDouble(7), 1e-12);

        // Table 1 variables made real where chosen; the helper columns do not reach the panel
        var panel = spark.createDataFrame(java.util.List.of(
                org.apache.spark.sql.RowFactory.create(2001, "A1", 9.6, Math.log(9.6), 110.0, Math.log(110.0)),
                org.apache.spark.sql.RowFactory.create(2002, "A2", 10.0, Math.log(10.0), 0.0, null)),
                PanelRows.schema("year:int", "firm_id:string", "cap:double", "ln_cap:double", "export:double",
                        "ln_export:double"));
        var real = RealValues.of(asif, industries, ids, d, 0.1);
        java.util.List<org.apache.spark.sql.Row> out = RealValues.apply(panel, real, java.util.List.of("cap", "export",
                "ln_export")).orderBy("year").collectAsList();
        org.apache.spark.sql.Row y2001 = out.get(0);
        assertEquals(java.util.List.of("year", "firm_id", "cap", "ln_cap", "export", "ln_export", "real_output",
                "real_value_added", "real_intermediate_input", "real_capital"), java.util.List.of(y2001.schema().fieldNames()));
        assertEquals(9.6, y2001.getDouble(2), 1e-12);                         // 96 / 10
        assertEquals(Math.log(9.6), y2001.getDouble(3), 0.0);                 // ln_cap not chosen: as it was
        assertEquals(100.0, y2001.getDouble(4), 1e-12);                       // 110 / 1.1
        assertEquals(Math.log(100.0), y2001.getDouble(5), 1e-12);
        assertTrue(out.get(1).isNullAt(5), "no log of a zero export");
        var none = RealValues.apply(panel, null, java.util.List.of());
        assertTrue(none.where("real_capital is not null").isEmpty());
    }
}
