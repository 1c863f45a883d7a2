package org.quex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordAssemblerTest {
    /** Each outcome as "line+count:fields" or "line!reason", so a test reads like the file. */
    private static List<String> assemble(int expectedFields, String... lines) {
        List<PhysicalLine> physical = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            physical.add(new PhysicalLine(i + 2, lines[i]));
        }
        List<String> out = new ArrayList<>();
        new RecordAssembler(physical.iterator(), ',', expectedFields, 5).forEachRemaining(r -> out.add(
                r instanceof AssembledRecord.Record rec ? rec.line() + "+" + rec.physicalLines() + ":" + rec.fields()
                        : r.line() + "!" + ((AssembledRecord.Malformed) r).reason()));
        return out;
    }

    @Test
    void quotedFieldsKeepDelimitersEscapedQuotesAndNewlines() {
        assertEquals(List.of("2+1:[a,b,  \"x\", c]", "3+2:[multi\nline, 2, 3]", "5+1:[d, e, f]"),
                assemble(3, "\"a,b\",\" \"\"x\"\"\",c", "\"multi", "line\",2,3", "d,e,f"));
    }

    @Test
    void unbalancedQuoteQuarantinesOnlyItsLineAndResumesAtTheNext() {
        assertEquals(List.of("2!unbalanced quote: the quoted field in column 2 never closes", "3+1:[b, c, d]",
                "4+1:[e, f, g]"), assemble(3, "1,\"acme,x", "b,c,d", "e,f,g"));
    }

    @Test
    void twoUnbalancedQuotesDoNotMergeTheLinesBetweenThem() {
        // the second quote would close the first one's field: the merged text is not a record
        assertEquals(List.of("2!unbalanced quote: the quoted field in column 1 never closes", "3+1:[x, y, z]",
                "4!unbalanced quote: the quoted field in column 1 never closes", "5+1:[u, v, w]"),
                assemble(3, "\"a,b,c", "x,y,z", "\"d,e,f", "u,v,w"));
    }

    @Test
    void aQuoteThatNeverClosesWithinTheLimitCostsOneLine() {
        assertEquals(6, assemble(2, "\"a,b", "c,d", "e,f", "g,h", "i,j", "k,l").size());
    }

    @Test
    void shortAndLongRowsAreQuarantinedWithTheirFieldCount() {
        assertEquals(List.of("2!2 fields, expected 3", "3!4 fields, expected 3", "4+1:[a, b, ]"),
                assemble(3, "a,b", "a,b,c,d", "a,b,"));
    }

    @Test
    void blankLinesAndTextAfterAClosingQuoteAreMalformed() {
        assertEquals(List.of("2!blank line", "3!text after the closing quote in column 1", "4+1:[a, 5\" screen, c]"),
                assemble(3, "", "\"a\"b,c,d", "a,5\" screen,c"));
    }
}
