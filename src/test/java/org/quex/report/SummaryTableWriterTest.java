package org.quex.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.quex.panel.VariableSummary;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SummaryTableWriterTest {
    private static final List<VariableSummary> ROWS = List.of(
            new VariableSummary("ln_export", null, 418213, 0, 9.87654321, 1.5, 0.0, 9.9, 20.123456),
            new VariableSummary("age2", null, 418213, 0, 180.25, 300.0, 0.0, 64.0, 10000.0),
            new VariableSummary("ln_export", 2005, 31234, 12, 9.5, 1.25, 0.1, 9.4, 18.0));

    @Test
    void markdownHasOneBlockPerYearWithGroupedCountsAndFourDecimals() {
        String md = SummaryTableWriter.markdown(ROWS);
        assertTrue(md.startsWith("#### All years\n\n| Variable | N | Mean | SD | Min | P50 | Max |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n"
                + "| ln_export | 418,213 | 9.8765 | 1.5000 | 0.0000 | 9.9000 | 20.1235 |\n"
                + "| age2 | 418,213 | 180.2500 | 300.0000 | 0.0000 | 64.0000 | 10000.0000 |\n"), md);
        assertTrue(md.contains("\n#### Year 2005\n\n| Variable | N |"), md);
        assertTrue(md.endsWith("| ln_export | 31,234 | 9.5000 | 1.2500 | 0.1000 | 9.4000 | 18.0000 |\n"), md);
    }

    @Test
    void csvKeepsFullPrecisionAndAnEmptyYearForAllYears() {
        String[] lines = SummaryTableWriter.csv(ROWS).split("\n");
        assertEquals("variable,year,n,missing,mean,sd,min,p50,max", lines[0]);
        assertEquals("ln_export,,418213,0,9.87654321,1.5,0.0,9.9,20.123456", lines[1]);
        assertEquals("ln_export,2005,31234,12,9.5,1.25,0.1,9.4,18.0", lines[3]);
        assertEquals(9.87654321, Double.parseDouble(lines[1].split(",")[4]), 0.0);
    }

    @Test
    void htmlFragmentIsWellFormedWithATablePerBlock() throws Exception {
        String html = SummaryTableWriter.html(ROWS);
        Document doc = RegressionTableWriterTest.parse("<div>" + html + "</div>");
        assertEquals(2, doc.getElementsByTagName("table").getLength());
        assertEquals("Year 2005", doc.getElementsByTagName("caption").item(1).getTextContent());
        assertTrue(html.contains("<tr><th scope=\"row\">age2</th><td>418,213</td><td>180.2500</td>"), html);
    }
}
