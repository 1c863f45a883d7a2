package org.quex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;

/** A delivery directory is read by content: source, scheme and years of every file, before any job. */
class RawInventoryTest {
    /** Pooled dictionary names (real_layouts/pernet_asif_pooled_1998_2007.csv). */
    private static final String POOLED = "firm,year,name,cic,employ,sales,toasset\n";
    /** CIE abbreviations (real_layouts/lu_cie_abbrev_1998_2007.csv); no year column, the name gives it. */
    private static final String CIE = "FRDM,EN,INDTYPE,PERSENG,SI,TA\n";
    /** The 2003–04 monthly Chinese Customs header (real_layouts/lu_customs_monthly_mdb_2000_2006.csv). */
    private static final String CUSTOMS = "进口或出口,企业编码,企业名称,税号编码,金额,数量,起运国或目的国,日期\n";

    private static void write(Path file, String text, Charset charset) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, charset);
    }

    private static Path delivery(Path tmp) throws IOException {
        Path raw = tmp.resolve("raw");
        write(raw.resolve("工业企业/all9807.csv"), POOLED + "1,1998,甲,1310,5,10,9\n1,1999,甲,1310,5,10,9\n",
                Charset.forName("GB18030"));
        write(raw.resolve("工业企业/cie2001.csv"), CIE + "1,甲,1310,5,10,9\n", StandardCharsets.UTF_8);
        for (String ym : List.of("199812", "199901", "200105")) {
            write(raw.resolve("海关/" + ym.substring(0, 4) + "/data" + ym + ".csv"),
                    CUSTOMS + "出口,1201910123,甲公司,84091000,100,1,美国," + ym + "\n", Charset.forName("GB18030"));
        }
        write(raw.resolve("说明/codebook.csv"), "变量,含义\nfirm,法人代码\n", StandardCharsets.UTF_8);
        write(raw.resolve("说明/readme.pdf"), "%PDF-1.4", StandardCharsets.US_ASCII);
        return raw;
    }

    @Test
    void everyFileIsFoundByContentWithItsSourceSchemeAndYears(@TempDir Path tmp) throws IOException {
        Path raw = delivery(tmp);
        RawInventory.Inventory inv = RawInventory.scan(new Configuration(), raw.toString(), null, List.of());
        RawInventory.Table pooled = inv.of("asif").get(0);
        assertTrue(pooled.file().path().endsWith("all9807.csv"));
        assertEquals(new TreeSet<>(Set.of(1998, 1999)), pooled.years());
        assertTrue(pooled.pooled(), "rows carry their year and the name none: it may hold any year");
        RawInventory.Table cie = inv.of("asif").get(1);
        assertEquals("lu_cie_abbrev", cie.file().scheme());
        assertEquals(Set.of(2001), cie.years());
        assertEquals(List.of(1998, 1999, 2001), inv.of("customs").stream().map(t -> t.years().first()).toList());
        assertEquals(Set.of(12), inv.of("customs").get(0).months());
        assertEquals(2, inv.of("asif", 2001).size(), "2001: its own file, and the pooled one may hold it");
        assertEquals(1, inv.of("customs", 2001).size());
        assertEquals(2, inv.skipped().size());
        assertTrue(inv.skipped().get(0).reason().startsWith("no scheme fits: asif: "), inv.skipped().get(0).reason());
        assertEquals("not a data file Quex reads", inv.skipped().get(1).reason());
        List<String> lines = inv.lines();
        assertEquals(7, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("asif +1998-1999\\+ +delimited +\\S+ +file:.*/all9807.csv"), lines.get(0));
        assertTrue(lines.get(2).matches("customs +1998 +delimited +\\S+ +file:.*/data199812.csv"), lines.get(2));
    }

    /** A Stata file whose codes carry value labels (read after the data): the inventory reads it as ingest does. */
    @Test
    void aLabelledStataFileIsSampledThroughItsLabels(@TempDir Path tmp) throws IOException {
        Path raw = Files.createDirectories(tmp.resolve("raw"));
        // the CIE abbreviations (real_layouts/lu_cie_abbrev_1998_2007.csv), REGTYPE labelled as NBS texts
        List<org.quex.stata.DtaWriter.Variable> vars = List.of(
                new org.quex.stata.DtaWriter.Variable("FRDM", org.quex.stata.DtaWriter.Type.str(9)),
                new org.quex.stata.DtaWriter.Variable("EN", org.quex.stata.DtaWriter.Type.str(30)),
                new org.quex.stata.DtaWriter.Variable("INDTYPE", org.quex.stata.DtaWriter.Type.INT),
                new org.quex.stata.DtaWriter.Variable("REGTYPE", org.quex.stata.DtaWriter.Type.INT, "", "reg"),
                new org.quex.stata.DtaWriter.Variable("PERSENG", org.quex.stata.DtaWriter.Type.LONG),
                new org.quex.stata.DtaWriter.Variable("SI", org.quex.stata.DtaWriter.Type.DOUBLE),
                new org.quex.stata.DtaWriter.Variable("TA", org.quex.stata.DtaWriter.Type.DOUBLE));
        try (java.io.OutputStream out = Files.newOutputStream(raw.resolve("cie2004.dta"));
             org.quex.stata.DtaWriter w = org.quex.stata.DtaWriter.open(out, 118, StandardCharsets.UTF_8, vars, 2,
                     java.util.Map.of("reg", java.util.Map.of(110, "国有企业")))) {
            w.writeRow(new Object[] {"100000001", "甲厂", 1310, 110, 50L, 12000.0, 9000.0});
            w.writeRow(new Object[] {"100000002", "乙厂", 1320, 110, 60L, 13000.0, 8000.0});
        }
        RawInventory.Inventory inv = RawInventory.scan(new Configuration(), raw.toString(), null, List.of());
        assertEquals(List.of(), inv.skipped());
        assertEquals("asif", inv.tables().get(0).source());
        assertEquals(Set.of(2004), inv.tables().get(0).years());
    }

    @Test
    void aMonthCopiedUnderAnotherNameIsRefusedNamingBoth(@TempDir Path tmp) throws IOException {
        Path raw = delivery(tmp);
        Files.copy(raw.resolve("海关/2001/data200105.csv"), raw.resolve("海关/2001/data200105 (copy).csv"));
        QuexException e = assertThrows(QuexException.class,
                () -> RawInventory.scan(new Configuration(), raw.toString(), null, List.of()));
        assertTrue(e.getMessage().matches(".*data200105.csv has the same content as .*data200105 \\(copy\\).csv: its "
                + "rows would be counted twice; remove one of them|.*data200105 \\(copy\\).csv has the same content as "
                + ".*data200105.csv: its rows would be counted twice; remove one of them"), e.getMessage());
    }
}
