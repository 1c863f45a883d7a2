package org.quex.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Where a command's logs go: Spark's and Quex's INFO lines to a file under the lake or results
 * (DIR/_logs/quex-COMMAND-TIME.log), the console only warnings and errors, so that a run shows its
 * one line per stage and year; {@code --verbose} brings the INFO lines back to the console.
 * Reconfigures the running log4j2 (Spark set it up from conf/log4j2.properties before Quex ran).
 */
final class Logs {
    static final String FILE_APPENDER = "quexFile";
    static final String CONSOLE_APPENDER = "console";

    private Logs() {
    }

    /** The log file of a command writing under {@code dir} (a local path; other file systems log to ./logs). */
    static Path file(String dir, String command) {
        String local = dir == null || (dir.contains("://") && !dir.startsWith("file:")) ? "logs"
                : dir.replaceFirst("^file:(//)?", "");
        String time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        return Path.of(local, "_logs", "quex-" + command + "-" + time + ".log");
    }

    /** Sends INFO to {@code file} and only WARN and above to the console, or everything to both when verbose. */
    static void configure(Path file, boolean verbose) {
        if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) {
            return; // another logging back end: leave it as it is
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            return; // an unwritable directory is no reason to refuse the command: the console keeps the logs
        }
        Configuration config = ctx.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        Appender old = config.getAppender(FILE_APPENDER);
        if (old != null) { // a second command in this JVM (tests): one file at a time
            root.removeAppender(FILE_APPENDER);
            old.stop();
        }
        Appender fileAppender = FileAppender.newBuilder().setName(FILE_APPENDER).withFileName(file.toString())
                .setLayout(PatternLayout.newBuilder().withConfiguration(config)
                        .withPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %p %c{1}: %m%n").build())
                .setConfiguration(config).build();
        fileAppender.start();
        config.addAppender(fileAppender);
        Appender console = config.getAppender(CONSOLE_APPENDER);
        if (console != null && root.getAppenders().containsKey(CONSOLE_APPENDER)) {
            root.removeAppender(CONSOLE_APPENDER);
            root.addAppender(console, verbose ? Level.INFO : Level.WARN, null);
        }
        root.addAppender(fileAppender, Level.INFO, null);
        if (root.getLevel().isMoreSpecificThan(Level.WARN)) {
            root.setLevel(Level.INFO); // Spark's INFO lines, which conf/log4j2.properties keeps off the console
        }
        ctx.updateLoggers();
    }
}
