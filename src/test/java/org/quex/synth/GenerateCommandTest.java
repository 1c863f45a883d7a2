package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.SparkTestSession;
import org.quex.cli.Quex;

/** The command line: options reach the generator, and mistakes stop it with one line. */
class GenerateCommandTest {
    private static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void generatesAndRefusesToOverwriteWithoutTheOption(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        String out = dir.resolve("gen").toString();
        String[] args = {"generate", "--firms", "30", "--years", "2011-2012", "--seed", "9", "--out", out,
            "--scale-model", "5", "--mean-transactions", "3", "--defect-scale", "0"};
        assertEquals(0, Quex.run(args));
        assertTrue(Files.size(Path.of(out, "asif", "asie2012.csv")) > 0);
        assertTrue(Files.size(Path.of(out, "asif", "cie2011.txt")) > 0);
        String parameters = Files.readString(Path.of(out, "truth", "parameters.csv"));
        assertTrue(parameters.contains("scale_equation,fe_ln_export_levels"), parameters);
        assertTrue(parameters.contains("defect_scale,0.0"), parameters);
        String[] again = args;
        String err = stderrOf(() -> assertEquals(1, Quex.run(again)));
        assertTrue(err.contains("pass --overwrite"), err);
    }

    @Test
    void helpListsTheFilesOfEveryYear() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Quex.run("generate", "--help"));
        } finally {
            System.setOut(old);
        }
        String help = buf.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("--firms"), help);
        for (String line : List.of("1998-2007 asif", "pernet_pooled_en", "asif/all9807finalruiliyong14.dta",
                "asif/cied_{year}.xlsx", "customs/{year}/tradedata_{year}_{1..18}.dta", "dta117", "UTF-8+BOM",
                "2005      customs 12-12  lu_mdb_2005_zh")) {
            assertTrue(help.contains(line), line + " missing in:\n" + help);
        }
    }

    @Test
    void badYearsAndModelsAreOneLineErrors(@TempDir Path dir) {
        String err = stderrOf(() -> assertEquals(1, Quex.run("generate", "--firms", "10", "--years", "1990-2000",
                "--out", dir.toString())));
        assertTrue(err.contains("--years must lie within 1998-2013"), err);
        err = stderrOf(() -> assertEquals(1, Quex.run("generate", "--firms", "10", "--scale-model", "4",
                "--out", dir.toString())));
        assertTrue(err.contains("--scale-model must be 3 or 5"), err);
    }
}
