package org.quex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.CommandRun;
import org.quex.QuexVersion;

/** The command line's own behaviour: version, help, usage errors with suggestions, checks before Spark, logs. */
class CommandLineTest {
    @TempDir
    Path tmp;

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    @Test
    void versionComesFromTheBuild() {
        CommandRun r = CommandRun.of("--version");
        assertEquals(0, r.status(), r.err());
        assertTrue(firstLine(r.out()).matches("quex \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(built \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z\\)"),
                r.out());
        assertFalse(QuexVersion.version().equals("dev"), "Maven filled in version.properties");
    }

    @Test
    void topLevelHelpIsTheListOfCommands() {
        CommandRun r = CommandRun.of("--help");
        assertEquals(0, r.status());
        assertEquals("Usage: quex <command> [options]    (quex <command> --help: its options)", firstLine(r.out()));
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.size() < 25, "short: " + lines.size() + " lines");
        for (String command : Quex.commands().keySet()) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(String.format("  %-9s ", command))), command);
        }
        CommandRun none = CommandRun.of();
        assertEquals(2, none.status());
        assertEquals(firstLine(r.out()), firstLine(none.err()));
    }

    @Test
    void aCommandsHelpMarksRequiredOptionsAndShowsNoMeaninglessDefaults() {
        CommandRun r = CommandRun.of("generate", "--help");
        assertEquals(0, r.status());
        assertEquals("Usage: quex generate [options]", firstLine(r.out()));
        assertTrue(r.out().contains("\n* --firms N "), r.out());
        assertTrue(r.out().contains("\n* --out VALUE "), r.out());
        assertFalse(r.out().contains("Default: 0") || r.out().contains("[default: 0]"), r.out());
        assertTrue(r.out().contains("  --seed N                   Random seed"), r.out());
        assertTrue(r.out().contains("[default: 1]"), r.out());
    }

    @Test
    void aMisspeltOptionCommandOrValueGetsOneLineWithTheClosest() {
        CommandRun option = CommandRun.of("estimate", "--inptu", "a.csv");
        assertEquals(2, option.status());
        assertEquals("quex estimate: error: unknown option --inptu; did you mean --input? (quex estimate --help lists the"
                + " options)", option.err().strip());
        CommandRun command = CommandRun.of("estimat", "--input", "a.csv");
        assertEquals(2, command.status());
        assertEquals("quex: error: unknown command 'estimat'; did you mean estimate? (quex --help lists the commands)",
                command.err().strip());
        CommandRun value = CommandRun.of("run", "--demo", "--reference", "papr");
        assertEquals(1, value.status());
        assertEquals("quex run: error: --reference 'papr' is not one of paper, truth, none; did you mean paper?",
                value.err().strip());
        CommandRun model = CommandRun.of("estimate", "--input", "a.csv", "--model", "probt", "--formula", "y ~ x", "--out", "o");
        assertEquals(1, model.status());
        assertEquals("quex estimate: error: --model 'probt' is not one of probit, ols, fe; did you mean probit?",
                model.err().strip());
        CommandRun action = CommandRun.of("lake", "lsit", "--lake", "nowhere");
        assertEquals(2, action.status());
        assertEquals("quex lake: error: expected one action, list or export; got lsit; did you mean list? (see quex lake"
                + " --help)", action.err().strip());
        CommandRun required = CommandRun.of("estimate", "--input", "a.csv");
        assertEquals(2, required.status());
        assertEquals("quex estimate: error: missing required options --model, --out, --formula (see quex estimate --help)",
                required.err().strip());
        // a value that begins with '-' is a value, not an option
        CommandRun negative = CommandRun.of("estimate", "--tolerance", "-1", "--inptu", "x");
        assertTrue(negative.err().startsWith("quex estimate: error: unknown option --inptu;"), negative.err());
    }

    @Test
    void aWrongSourceIsRefusedBeforeSparkStarts() {
        long start = System.nanoTime();
        CommandRun r = CommandRun.of("ingest", "--source", "asfi", "--input", tmp.toString(), "--lake",
                tmp.resolve("lake").toString());
        assertEquals(1, r.status());
        assertEquals("quex ingest: error: --source 'asfi' is not one of asif, customs, honours; did you mean asif?",
                r.err().strip());
        assertTrue((System.nanoTime() - start) / 1e9 < 5, "no Spark work");
    }

    @Test
    void infoLogsGoToAFileUnderTheLakeAndOnlyWarningsToTheConsole() throws Exception {
        Path file = Logs.file(tmp.resolve("lake").toString(), "clean");
        assertTrue(file.toString().matches(".*/lake/_logs/quex-clean-\\d{8}T\\d{6}Z\\.log"), file.toString());
        Logs.configure(file, false);
        // a logger the test configuration leaves at the root's level (it holds org.quex at warn)
        LogManager.getLogger("logs.test").info("an info line for the file");
        org.apache.logging.log4j.core.LoggerContext ctx = (org.apache.logging.log4j.core.LoggerContext) LogManager.getContext(false);
        var root = ctx.getConfiguration().getRootLogger();
        try {
            ctx.getConfiguration().getAppender(Logs.FILE_APPENDER).stop();
            assertTrue(Files.readString(file).contains(" INFO test: an info line for the file"), Files.readString(file));
            assertEquals(org.apache.logging.log4j.Level.INFO, root.getLevel());
            assertTrue(root.getAppenders().containsKey(Logs.FILE_APPENDER));
            try (var files = Files.list(tmp.resolve("lake/_logs"))) {
                assertEquals(1, files.count());
            }
        } finally { // the other tests of this JVM keep the test configuration's levels
            root.removeAppender(Logs.FILE_APPENDER);
            root.setLevel(org.apache.logging.log4j.Level.WARN);
            ctx.updateLoggers();
        }
    }

    @Test
    void aCommandWritesItsLogFileUnderItsOutputDirectory() throws Exception {
        org.apache.logging.log4j.core.LoggerContext ctx = (org.apache.logging.log4j.core.LoggerContext) LogManager.getContext(false);
        var root = ctx.getConfiguration().getRootLogger();
        Path out = tmp.resolve("spector");
        Quex.logsToFile = true; // as quex's main sets it
        try {
            CommandRun r = CommandRun.of("estimate", "--input", org.quex.SparkTestSession.resource("oracles/spector.csv"),
                    "--model", "probit", "--formula", "GRADE ~ GPA + TUCE + PSI", "--out", out.toString());
            assertEquals(0, r.status(), r.err());
            assertEquals("probit  GRADE ~ GPA + TUCE + PSI  (vce: oim)", firstLine(r.out()));
            try (var files = Files.list(out)) {
                assertEquals(List.of("_logs", "coefficients.csv", "fit.json", "vcov.csv"),
                        files.map(f -> f.getFileName().toString()).sorted().toList(), "no .crc files");
            }
            ctx.getConfiguration().getAppender(Logs.FILE_APPENDER).stop();
            try (var logs = Files.list(out.resolve("_logs"))) {
                Path log = logs.findFirst().orElseThrow();
                assertTrue(log.getFileName().toString().matches("quex-estimate-\\d{8}T\\d{6}Z\\.log"), log.toString());
                assertTrue(Files.readString(log).contains(" INFO "), "Spark's INFO lines are in the file");
            }
        } finally {
            Quex.logsToFile = false;
            root.removeAppender(Logs.FILE_APPENDER);
            root.setLevel(org.apache.logging.log4j.Level.WARN);
            ctx.updateLoggers();
        }
    }
}
