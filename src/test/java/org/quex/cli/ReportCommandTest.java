package org.quex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.CommandRun;
import org.quex.SparkTestSession;
import org.quex.estimate.FitResult;
import org.quex.report.FitDirectory;

/** quex report: one table from stored fits (a run's models and an estimate output), and its one-line errors. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    private static String models(String sub) {
        return SparkTestSession.resource("report/demo_models/" + sub);
    }

    @Test
    void aTableFromARunsModelsAndOneEstimateOutput() throws Exception {
        // an estimate output of one's own: Table 3's model 3 copied under another name, with a key a later Quex may add
        Path own = tmp.resolve("fits/robust");
        Files.createDirectories(own);
        Files.copy(Path.of(models("table3/3/coefficients.csv")), own.resolve("coefficients.csv"));
        Files.writeString(own.resolve("fit.json"), Files.readString(Path.of(models("table3/3/fit.json")))
                .replaceFirst("\\{", "{\n  \"a_key_of_tomorrow\" : { \"x\" : [ 1, 2 ] },"));
        Path out = tmp.resolve("out");
        CommandRun r = CommandRun.of("report", models("table3"), own.toString(), "--out", out.toString(), "--id", "scale",
                "--title", "Export scale", "--groups", "Paper: 3 4-1 4-2 4-3 4-4 4-5; Mine: robust",
                "--reference", "paper", "--digits", "3");
        assertEquals(0, r.status(), r.err());
        assertEquals("### Export scale", r.out().lines().findFirst().orElse(""));
        assertTrue(r.out().contains("|  | Paper |  |  |  |  |  | Mine |\n"), r.out());
        assertTrue(r.out().contains("|  | (3) | (4-1) | (4-2) | (4-3) | (4-4) | (4-5) | (robust) |\n"), r.out());
        for (String ext : List.of("md", "csv", "tex", "html", "xlsx", "docx")) {
            assertTrue(Files.size(out.resolve("tables/scale." + ext)) > 100, ext);
        }
        assertTrue(Files.isRegularFile(out.resolve("plots/scale.png")));
        FitResult fit = FitDirectory.read(own);
        String csv = Files.readString(out.resolve("tables/scale.csv"));
        double qu = fit.terms().stream().filter(t -> t.name().equals("qu")).findFirst().orElseThrow().estimate();
        assertTrue(csv.contains("scale,robust,qu," + qu + ","), csv);
        // the copy is the paper's model 3 by formula, so it gets the paper's value too
        String md = Files.readString(out.resolve("tables/scale.md"));
        assertTrue(md.matches("(?s).*\\| qu \\| [-0-9.]+ \\|.*\\n\\|  \\| \\[[-0-9.]+\\] .*\\| \\[[-0-9.]+\\] \\|\\n.*"), md);
    }

    @Test
    void badFitDirectoriesAndOptionsFailInOneLine() {
        CommandRun missing = CommandRun.of("report", tmp.resolve("nowhere").toString(), "--out", tmp.toString());
        assertEquals(1, missing.status());
        assertEquals("quex report: error: fit directory " + tmp.resolve("nowhere") + " does not exist (give directories"
                + " that estimate or run wrote: they hold fit.json)", missing.err().strip());

        CommandRun truth = CommandRun.of("report", models("table2"), "--out", tmp.toString(), "--reference", "truth");
        assertEquals(1, truth.status());
        assertEquals("quex report: error: --reference truth needs --truth FILE (truth/coefficients.csv of generated data)",
                truth.err().strip());

        CommandRun columns = CommandRun.of("report", models("table2"), "--out", tmp.toString(), "--titles", "a,b");
        assertEquals(1, columns.status());
        assertEquals("quex report: error: --titles has 2 entries for 6 fits", columns.err().strip());

        CommandRun noFits = CommandRun.of("report", tmp.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, noFits.status());
        assertEquals("quex report: error: no fit.json under " + tmp + " (give directories that estimate or run wrote)",
                noFits.err().strip());
    }
}
