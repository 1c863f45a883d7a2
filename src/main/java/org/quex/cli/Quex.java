package org.quex.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.quex.QuexException;

/**
 * Entry point: {@code quex <command> [options]}. Wiring only: each command is its own class.
 * A failure prints one line, {@code quex <command>: error: <what and where>}, and exits non-zero
 * (2 for a usage error, 1 for anything else); QUEX_DEBUG=1 adds the stack trace.
 */
public final class Quex {
    /** Commands in the order --help lists them. */
    static Map<String, Supplier<QuexCommand>> commands() {
        Map<String, Supplier<QuexCommand>> commands = new LinkedHashMap<>();
        commands.put("generate", GenerateCommand::new);
        commands.put("ingest", IngestCommand::new);
        commands.put("clean", CleanCommand::new);
        commands.put("match", MatchCommand::new);
        commands.put("panel", PanelCommand::new);
        commands.put("estimate", EstimateCommand::new);
        commands.put("lake", LakeCommand::new);
        commands.put("run", RunCommand::new);
        commands.put("bench", BenchCommand::new);
        commands.put("tfp", TfpCommand::new);
        return commands;
    }

    static final class MainOptions {
        @Parameter(names = {"-h", "--help"}, help = true, description = "List the commands")
        boolean help;
    }

    private Quex() {
    }

    public static void main(String[] args) {
        int status = run(args);
        // Stop Spark before exiting so that executors and workers shut down in order.
        org.apache.spark.sql.SparkSession.getDefaultSession().foreach(session -> {
            session.stop();
            return null;
        });
        System.exit(status);
    }

    /** Runs a command line and returns the exit status (tests call this instead of main). */
    public static int run(String... args) {
        MainOptions main = new MainOptions();
        JCommander.Builder builder = JCommander.newBuilder().programName("quex").addObject(main);
        Map<String, QuexCommand> instances = new LinkedHashMap<>();
        commands().forEach((name, make) -> {
            QuexCommand command = make.get();
            instances.put(name, command);
            builder.addCommand(name, command);
        });
        JCommander jc = builder.build();
        String commandName = "quex";
        try {
            jc.parse(args);
            String parsed = jc.getParsedCommand();
            if (main.help || parsed == null) {
                jc.usage();
                return parsed == null && !main.help ? 2 : 0;
            }
            commandName = "quex " + parsed;
            JCommander sub = jc.getCommands().get(parsed);
            QuexCommand command = instances.get(parsed);
            if (command.help) {
                sub.usage();
                String notes = command.helpNotes();
                if (!notes.isEmpty()) {
                    System.out.println(notes);
                }
                return 0;
            }
            command.run();
            return 0;
        } catch (ParameterException e) {
            System.err.println(commandName + ": error: " + e.getMessage() + " (see --help)");
            return 2;
        } catch (Throwable t) {
            QuexException q = QuexException.findIn(t);
            boolean debug = "1".equals(System.getenv("QUEX_DEBUG"));
            if (q != null) {
                System.err.println(commandName + ": error: " + q.getMessage());
            } else {
                Throwable root = t;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                String what = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
                System.err.println(commandName + ": error: " + root.getClass().getSimpleName() + ": " + what
                        + (debug ? "" : " (unexpected; QUEX_DEBUG=1 shows the stack trace)"));
            }
            if (debug) {
                t.printStackTrace();
            }
            return 1;
        }
    }
}
