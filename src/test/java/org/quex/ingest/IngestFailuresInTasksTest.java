package org.quex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.QuexException;
import org.quex.SparkTestSession;
import org.quex.cli.Quex;

/** Failures that only the Spark task sees, and the command line around the job. */
class IngestFailuresInTasksTest {
    private static final String HEADER = "企业名称,获得年份,荣誉名称,省份,有效期至\n";

    /** A UTF-8 honours list longer than the driver's sample, with GBK bytes on its last line. */
    @Test
    void badBytesBeyondTheDriversSampleFailTheRunNamingFileAndLine(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("honours.csv");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        int lines = 1;
        while (b.size() <= EncodingDetector.SAMPLE_BYTES) {
            b.writeBytes("天津力达橡胶厂,2008,中国名牌产品,天津市,2013\n".getBytes(StandardCharsets.UTF_8));
            lines++;
        }
        b.writeBytes("长沙嘉通,2009,省著名商标,湖南省,\n".getBytes(Charset.forName("GBK")));
        Files.write(file, b.toByteArray());
        QuexException e = assertThrows(QuexException.class, () -> IngestJob.run(SparkTestSession.get(),
                new IngestJob.Settings("honours", 2013, List.of(file.toString()), tmp.resolve("lake").toString(), null,
                        20, QualityRules.DEFAULTS)));
        assertTrue(e.getMessage().endsWith("honours.csv, line " + (lines + 1) + ": bytes that are not valid UTF-8 "
                + "(MalformedInputException); the file is in another encoding: give it with --encoding UTF-8|GBK|GB18030"),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("lake/raw")));
    }

    /** The same list under two names (a delivery copied twice) would count every row twice: refused before reading. */
    @Test
    void aFileCopiedUnderAnotherNameIsRefusedNamingBoth(@TempDir Path tmp) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("honours.csv"), HEADER + "甲公司,2008,中国名牌产品,浙江省,2013\n",
                StandardCharsets.UTF_8);
        Files.copy(in.resolve("honours.csv"), in.resolve("honours (1).csv"));
        QuexException e = assertThrows(QuexException.class, () -> IngestJob.run(SparkTestSession.get(),
                new IngestJob.Settings("honours", 2013, List.of(in.toString()), tmp.resolve("lake").toString(), null,
                        20, QualityRules.DEFAULTS)));
        assertTrue(e.getMessage().matches("file:.*/in/honours.csv has the same content as file:.*/in/honours \\(1\\)"
                + ".csv: its rows would be counted twice; remove one of them"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("lake")));
    }

    @Test
    void reingestingACorrectedFileClearsTheYearsOldQuarantine(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("honours.csv");
        String lake = tmp.resolve("lake").toString();
        QualityRules loose = new QualityRules(0.6, 0, 0.01, 0.5, 0.99, 0.5, 0.5);
        Files.writeString(file, HEADER + "甲公司,2008,中国名牌产品,浙江省,2013\n乙公司,2009\n", StandardCharsets.UTF_8);
        IngestJob.run(SparkTestSession.get(), new IngestJob.Settings("honours", 2013, List.of(file.toString()), lake,
                null, 20, loose));
        assertTrue(Files.isDirectory(org.quex.lake.LakeDirs.year(lake, "quarantine/honours", 2013)));
        Files.writeString(file, HEADER + "甲公司,2008,中国名牌产品,浙江省,2013\n乙公司,2009,省著名商标,江苏省,\n",
                StandardCharsets.UTF_8);
        IngestJob.Result r = IngestJob.run(SparkTestSession.get(), new IngestJob.Settings("honours", 2013,
                List.of(file.toString()), lake, null, 20, loose));
        assertEquals("source=honours year=2013 read=2 written=2 quarantined=0", r.summaryLine("honours", 2013));
        assertNull(org.quex.lake.LakeDirs.year(lake, "quarantine/honours", 2013), "the old quarantine is gone");
    }

    @Test
    void theQuarantineThresholdIsAnOptionAndAnErrorIsOneLine(@TempDir Path tmp) throws IOException {
        SparkTestSession.get();
        Path file = tmp.resolve("honours.csv");
        Files.writeString(file, HEADER + "甲公司,2008,中国名牌产品,浙江省,2013\n乙公司,2009\n", StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int strict;
        int loose;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            strict = Quex.run("ingest", "--source", "honours", "--year", "2013", "--input", file.toString(),
                    "--lake", tmp.resolve("lake").toString());
            loose = Quex.run("ingest", "--source", "honours", "--year", "2013", "--input", file.toString(),
                    "--lake", tmp.resolve("lake").toString(), "--max-quarantine-share", "0.6");
        } finally {
            System.setErr(original);
        }
        assertEquals(1, strict);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("quex ingest: error: year 2013 honours: data-quality "
                + "check quarantine_share failed: 1 of 2 records quarantined; nothing was written"), err.toString());
        assertEquals(0, loose);
    }

    @Test
    void theCommandPrintsTheAccountingLineLast(@TempDir Path tmp) throws IOException {
        SparkTestSession.get();
        Path file = tmp.resolve("honours.csv");
        StringBuilder text = new StringBuilder(HEADER).append("乙公司,2009\n"); // a short row among 30 good ones
        for (int i = 0; i < 30; i++) {
            text.append("甲公司").append(i).append(",2008,中国名牌产品,浙江省,2013\n");
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            status = Quex.run("ingest", "--source", "honours", "--year", "2013", "--input", file.toString(),
                    "--lake", tmp.resolve("lake").toString());
        } finally {
            System.setOut(original);
        }
        List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, status, String.join("\n", printed));
        assertEquals("source=honours year=2013 read=31 written=30 quarantined=1", printed.get(printed.size() - 1));
        assertTrue(printed.stream().anyMatch(l -> l.contains("UTF-8 (detected), scheme honour_list")), printed.toString());
    }

    @Test
    void everyStageCommandRefusesALockedLakeAndLeavesTheLockAlone(@TempDir Path tmp) throws IOException {
        SparkTestSession.get();
        Path file = tmp.resolve("honours.csv");
        Files.writeString(file, HEADER + "甲公司,2008,中国名牌产品,浙江省,2013\n", StandardCharsets.UTF_8);
        String lake = tmp.resolve("lake").toString();
        Path lock = tmp.resolve("lake/_lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "quex run on app-7 pid 42 since 2026-01-01T00:00:00Z\n");
        List<String[]> commands = List.of(
                new String[] {"ingest", "--source", "honours", "--year", "2013", "--input", file.toString(), "--lake", lake},
                new String[] {"clean", "--year", "2013", "--lake", lake},
                new String[] {"match", "--year", "2013", "--lake", lake},
                new String[] {"panel", "--years", "2013", "--lake", lake});
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            for (String[] command : commands) {
                err.reset();
                assertEquals(1, Quex.run(command), command[0]);
                assertTrue(err.toString(StandardCharsets.UTF_8).contains("quex " + command[0] + ": error: the lake " + lake
                        + " is locked by another run (quex run on app-7 pid 42"), err.toString(StandardCharsets.UTF_8));
            }
        } finally {
            System.setErr(original);
        }
        assertTrue(Files.exists(lock), "a refused command leaves the holder's lock in place");
        assertFalse(Files.exists(tmp.resolve("lake/raw")), "nothing was written");
        Files.delete(lock);
        assertEquals(0, Quex.run(commands.get(0)));
        assertFalse(Files.exists(lock), "a command releases the lock it took");
    }
}
