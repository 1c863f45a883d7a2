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

    /** tfp on the Chilean panel with these arguments. */
    private static CommandRun tfp(String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "tfp";
        all[1] = "--input";
        all[2] = SparkTestSession.resource("oracles/prodest/chilean.csv");
        System.arraycopy(args, 0, all, 3, args.length);
        return CommandRun.of(all);
    }

    @Test
    void olleyPakesWithBootstrapWritesCoefficientsAndFit() throws Exception {
        Path out = tmp.resolve("op");
        CommandRun r = tfp("--method", "op", "--output", "log_y", "--free", "log_lab1,log_lab2", "--state", "log_k",
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
        CommandRun r = tfp("--method", "lp", "--output", "log_y", "--free", "log_lab1", "--state", "log_k",
                "--proxy", "log_mat", "--id", "id", "--time", "year", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("tfp: column 'log_mat' is not in the input"), r.err());
    }

    @Test
    void grossOutputGivesTheMaterialsElasticityAndWooldridgeRefusesIt() throws Exception {
        Path out = tmp.resolve("lp_go");
        CommandRun r = tfp("--method", "lp", "--output-kind", "gross_output", "--output", "log_y",
                "--free", "log_lab1,log_lab2", "--state", "log_k", "--proxy", "log_materials", "--id", "id",
                "--time", "year", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("coefficients.csv"));
        assertEquals(5, csv.size());
        String[] k = csv.get(3).split(",");
        String[] m = csv.get(4).split(",");
        assertEquals("log_k", k[1]);
        assertEquals("log_materials", m[1]);
        // GrossOutputTest: 0.111744 / 0.282281, the minimum of the row-by-row objective
        assertEquals(0.111744, Double.parseDouble(k[2]), 1e-6);
        assertEquals(0.282281, Double.parseDouble(m[2]), 1e-6);
        CommandRun w = tfp("--method", "wrdg", "--output-kind", "gross_output", "--output", "log_y", "--free", "log_lab1",
                "--state", "log_k", "--proxy", "log_materials", "--id", "id", "--time", "year", "--out",
                tmp.resolve("w").toString());
        assertEquals(1, w.status());
        assertTrue(w.err().contains("TFP method wrdg has no gross-output variant"), w.err());
        CommandRun bad = tfp("--method", "lp", "--output-kind", "revenue", "--output", "log_y", "--free", "log_lab1",
                "--state", "log_k", "--proxy", "log_materials", "--id", "id", "--time", "year", "--out",
                tmp.resolve("b").toString());
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("--output-kind: TFP output kind 'revenue' is not one of value_added, gross_output"),
                bad.err());
    }
}
