package org.quex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelimiterSnifferTest {
    private static char sniff(String name, String text) {
        return DelimiterSniffer.sniff(name, List.of(text.split("\n", -1)));
    }

    @Test
    void theDelimiterThatSplitsHeaderAndRecordsAlikeWins() {
        assertEquals(',', sniff("a.csv", "FRDM,EN,year\n1,甲厂,2005\n2,乙厂,2005"));
        // a European export: semicolons between fields, decimal commas inside them
        assertEquals(';', sniff("a.csv", "FRDM;EN;SI\n1;甲厂;2,5\n2;乙厂;3,75"));
        assertEquals('|', sniff("a.csv", "FRDM|EN|SI\n1|Foo, Inc|2\n2|Bar|3"));
        assertEquals('\t', sniff("a.txt", "FRDM\tEN\tSI\n1\tFoo, Inc\t2\n2\tBar, Ltd\t3"));
        assertEquals(',', sniff("a.txt", "FRDM,EN,SI\n1,甲厂,2\n2,乙厂,3"));
        assertEquals(';', sniff("A.TXT", "FRDM;EN;SI\n1;甲厂;2"));
    }

    @Test
    void aTsvStaysTabWhateverItHolds() {
        assertEquals('\t', sniff("a.tsv", "a,b,c\n1,2,3"));
        assertEquals('\t', sniff("a.tab", "a;b;c\n1;2;3"));
    }

    @Test
    void delimitersInsideQuotesDoNotCountAndAQuotedFieldMaySpanLines() {
        // by raw counts, semicolon gives 3 fields on every line; in fields, only comma splits alike
        assertEquals(',', sniff("a.csv", "name,sales\n\"A;B;C\",1\n\"D;E;F\",2"));
        assertEquals(List.of(2, 2, 2), DelimiterSniffer.fieldCounts(List.of("name,note", "\"x", "y, still x\",1", "z,2"), ','));
        // a doubled quote is a literal; a quote inside an unquoted field is text (5" screens)
        assertEquals(List.of(3, 3, 3), DelimiterSniffer.fieldCounts(List.of("a;b;c", "\"say \"\"hi\"\";\";2;3", "5\" screen;x;y"), ';'));
        // a record whose quote is still open at the end of the sample is not complete
        assertEquals(List.of(2, 2), DelimiterSniffer.fieldCounts(List.of("a,b", "1,2", "\"open,3"), ','));
    }

    @Test
    void tiesGoToCommaForCsvAndToTabThenCommaForTxt() {
        String both = "a;b,c\n1;2,3";
        assertEquals(',', sniff("a.csv", both));
        assertEquals(',', sniff("a.txt", both));
        assertEquals('\t', sniff("a.txt", "a\tb;c\n1\t2;3"));
        assertEquals(';', sniff("a.csv", "a\tb;c\n1\t2;3"));
    }

    @Test
    void theMostAgreeingDelimiterWinsOverAFewDamagedRecords() {
        // comma splits the header in two and one record alike; semicolon splits it in three and two of three records
        assertEquals(';', sniff("a.csv", "id,x;name;sales\n1;a;2\n2;b;3\n3,4;c;5;6"));
        assertEquals(',', sniff("a.csv", "id,x;name;sales\n1,a;2;3\n2,b\n3,c;5"));
    }

    @Test
    void aHeaderOnlyFileAndASingleColumnFile() {
        assertEquals(';', sniff("a.csv", "FRDM;EN;SI"));
        assertEquals(',', sniff("a.csv", "FRDM\n1\n2"), "nothing splits: the extension's default");
        assertEquals('\t', sniff("a.txt", "FRDM\n1\n2"));
    }

    /** GBK trail bytes include 0x7C ('|'): the sniffer counts characters, not bytes. */
    @Test
    void pipesThatAreGbkTrailBytesAreNotDelimiters() {
        Charset gbk = Charset.forName("GBK");
        String withPipeByte = null;
        for (char c = '\u4e00'; c < '\u9fa5' && withPipeByte == null; c++) {
            byte[] b = String.valueOf(c).getBytes(gbk);
            if (b.length == 2 && b[1] == '|') {
                withPipeByte = String.valueOf(c);
            }
        }
        String x = withPipeByte;
        // counted in bytes, '|' would split the header and all three records in two; comma splits two of three alike
        String text = "FRDM,名" + x + ",SI\n1,甲" + x + "厂,2\n2,乙" + x + "厂,3\n3,丙" + x + "厂,4,5\n";
        byte[] bytes = text.getBytes(gbk);
        assertEquals(',', InputInspector.delimiterOf("a.txt", bytes, EncodingDetector.GB18030));
        assertEquals('|', InputInspector.delimiterOf("a.txt", bytes, StandardCharsets.ISO_8859_1), "bytes as characters");
        assertEquals('|', InputInspector.delimiterOf("a.txt", "FRDM|EN|SI\n1|甲厂|2\n".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8));
    }
}
