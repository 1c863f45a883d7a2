package org.quex;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.quex.cli.Quex;

/**
 * A quex command as a user runs it, in this JVM: its exit status and what it printed on standard
 * output and standard error (UTF-8).
 */
public record CommandRun(int status, String out, String err) {
    public static CommandRun of(String... args) {
        SparkTestSession.get();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int status = Quex.run(args);
            return new CommandRun(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
