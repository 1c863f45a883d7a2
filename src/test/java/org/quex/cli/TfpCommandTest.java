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

/** The tfp command as a user runs it on prodest's Chilean panel. */
class TfpCommandTest {
    @TempDir
    Path tmp;

    @Test
    void olleyPakesWithBootstrapWritesCoefficientsAndFit() throws Exception {
        Path out = tmp.resolve("op");
        CommandRun r = CommandRun.of("tfp", "--input", SparkTestSession.resource("oracles/prodest/chilean.csv"),
                "--method", "op", "--output", "log_y", "--free", "log_lab1,log_lab2", "--state", "log_k",
                "--proxy", "log_investment", "--id", "id", "--time", "year", "--reps", "10", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("coefficients.csv"));
        assertEquals("group,term,estimate,std_error", csv.get(0));
        assertEquals(4, csv.size());
        String[] k = csv.get(3).split(",");
        assertEquals("all", k[0]);
        assertEquals("log_k", k[1]);
        assertEquals(0.168, Math.round(Double.parseDouble(k[2]) * 1000) / 1000.0);
        assertTrue(Double.parseDouble(k[3]) > 0, csv.get(3));
        List<String> fit = Files.readAllLines(out.resolve("fit.csv"));
        assertTrue(fit.get(1).startsWith("all,op,2544,1944,true,"), fit.get(1));
        assertTrue(fit.get(1).contains(",2,10,"), fit.get(1)); // 2 data passes, 10 replicates
        assertTrue(r.out().contains("0 rows dropped for a missing value, 2 data passes"), r.out());
    }

    @Test
    void aMissingColumnIsOneLine() throws Exception {
        CommandRun r = CommandRun.of("tfp", "--input", SparkTestSession.resource("oracles/prodest/chilean.csv"),
                "--method", "lp", "--output", "log_y", "--free", "log_lab1", "--state", "log_k",
                "--proxy", "log_mat", "--id", "id", "--time", "year", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("tfp: column 'log_mat' is not in the input"), r.err());
    }
}
