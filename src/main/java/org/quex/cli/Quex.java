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
 * (2 for a usage error, with the closest command or option to a misspelt one; 1 for anything
 * else); QUEX_DEBUG=1 adds the stack trace. Help texts are {@link Usage}'s.
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
        commands.put("report", ReportCommand::new);
        commands.put("lake", LakeCommand::new);
        commands.put("run", RunCommand::new);
        commands.put("bench", BenchCommand::new);
        commands.put("tfp", TfpCommand::new);
        return commands;
    }

    static final class MainOptions {
        @Parameter(names = {"-h", "--help"}, help = true, description = "List the commands")
        boolean help;

        @Parameter(names = "--version", description = "Print the version")
        boolean version;
    }

    private Quex() {
    }

    /**
     * Whether a command's INFO logs go to its log file: set by {@link #main}, so that tests calling
     * {@link #run} in one JVM keep the test configuration's logging.
     */
    static boolean logsToFile;

    public static void main(String[] args) {
        logsToFile = true;
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
            java.util.Optional<String> unknownCommand = Usage.unknownCommand(args, instances.keySet());
            if (unknownCommand.isPresent()) {
                System.err.println("quex: error: " + unknownCommand.get());
                return 2;
            }
            if (args.length > 0 && instances.containsKey(args[0])) {
                java.util.Optional<String> unknownOption = Usage.unknownOption(args[0], jc.getCommands().get(args[0]),
                        java.util.Arrays.asList(args).subList(1, args.length));
                if (unknownOption.isPresent()) {
                    System.err.println("quex " + args[0] + ": error: " + unknownOption.get());
                    return 2;
                }
            }
            if (args.length > 0 && instances.containsKey(args[0])) {
                commandName = "quex " + args[0]; // a usage error names the command too
            }
            jc.parse(args);
            String parsed = jc.getParsedCommand();
            if (main.version) {
                System.out.println("quex " + org.quex.QuexVersion.describe());
                return 0;
            }
            if (main.help || parsed == null) {
                (parsed == null && !main.help ? System.err : System.out).print(Usage.commands(instances));
                return parsed == null && !main.help ? 2 : 0;
            }
            commandName = "quex " + parsed;
            JCommander sub = jc.getCommands().get(parsed);
            QuexCommand command = instances.get(parsed);
            if (command.help) {
                System.out.print(Usage.command(parsed, sub, command));
                String notes = command.helpNotes();
                if (!notes.isEmpty()) {
                    System.out.println("\n" + notes);
                }
                return 0;
            }
            String logDir = command.logDirectory();
            if (logDir != null && logsToFile) {
                Logs.configure(Logs.file(logDir, parsed), command.verbose);
            }
            command.run();
            return 0;
        } catch (ParameterException e) {
            System.err.println(commandName + ": error: " + Usage.parameterError(e.getMessage()) + " (see "
                    + commandName + " --help)");
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
                // a file system's failure is not a bug of Quex: its message is the place (Hadoop's name the path)
                boolean io = root instanceof java.io.IOException || root instanceof java.io.UncheckedIOException;
                System.err.println(commandName + ": error: " + (io ? "input/output failure: " : "")
                        + root.getClass().getSimpleName() + ": " + what
                        + (debug ? "" : io ? " (QUEX_DEBUG=1 shows where)" : " (unexpected; QUEX_DEBUG=1 shows the stack trace)"));
            }
            if (debug) {
                t.printStackTrace();
            }
            return 1;
        }
    }
}
