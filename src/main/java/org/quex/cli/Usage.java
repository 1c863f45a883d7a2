package org.quex.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import com.beust.jcommander.Parameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quex.Suggest;

/**
 * The help texts and usage errors of the command line, written here rather than JCommander's: the
 * top-level help is the list of commands, a command's help marks its required options and shows
 * only defaults that mean something (not "Default: 0" for a required number), and a misspelt
 * command or option gets one line with the closest known one.
 */
final class Usage {
    private Usage() {
    }

    /** quex --help: one line per command. */
    static String commands(Map<String, QuexCommand> commands) {
        StringBuilder sb = new StringBuilder("Usage: quex <command> [options]    (quex <command> --help: its options)\n\n");
        sb.append("Commands:\n");
        commands.forEach((name, c) -> sb.append(String.format(Locale.ROOT, "  %-9s %s%n", name, firstSentence(description(c)))));
        sb.append("\nOptions:\n  --version  print the version\n  --help     this list\n");
        return sb.toString();
    }

    /** quex COMMAND --help: what it does, then its options, required ones first and marked. */
    static String command(String name, JCommander sub, QuexCommand command) {
        StringBuilder sb = new StringBuilder("Usage: quex ").append(name).append(" [options]");
        String main = sub.getMainParameterDescription();
        if (sub.getMainParameter() != null && main != null && !main.isBlank()) {
            sb.append(' ').append(main.replaceFirst("\\s*\\(.*$", ""));
        }
        sb.append("\n\n").append(description(command)).append("\n\nOptions (required ones marked *):\n");
        List<ParameterDescription> options = new ArrayList<>(sub.getParameters());
        options.sort((a, b) -> Boolean.compare(!a.getParameter().required(), !b.getParameter().required()));
        for (ParameterDescription p : options) {
            boolean required = p.getParameter().required();
            String names = p.getNames() + (isFlag(p) ? "" : " " + placeholder(p));
            sb.append(String.format(Locale.ROOT, "%s %-26s %s%s%n", required ? "*" : " ", names, p.getDescription(),
                    required ? "" : defaultText(p)));
        }
        if (sub.getMainParameter() != null && main != null && !main.isBlank()) {
            sb.append("\nArguments: ").append(main).append('\n');
        }
        return sb.toString();
    }

    private static boolean isFlag(ParameterDescription p) {
        Class<?> type = p.getParameterized().getType();
        return type == boolean.class || type == Boolean.class;
    }

    private static String placeholder(ParameterDescription p) {
        Class<?> type = p.getParameterized().getType();
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "N";
        }
        if (type == double.class || type == Double.class) {
            return "X";
        }
        return List.class.isAssignableFrom(type) ? "VALUE…" : "VALUE";
    }

    private static String defaultText(ParameterDescription p) {
        Object d = p.getDefault();
        if (d == null || Boolean.FALSE.equals(d) || (d instanceof Collection<?> c && c.isEmpty()) || p.isHelp()) {
            return "";
        }
        return " [default: " + d + "]";
    }

    static String description(QuexCommand c) {
        Parameters p = c.getClass().getAnnotation(Parameters.class);
        return p == null ? "" : p.commandDescription();
    }

    private static String firstSentence(String s) {
        int semicolon = s.indexOf("; ");
        return semicolon > 0 ? s.substring(0, semicolon) : s;
    }

    /** The first argument that names no command: "unknown command 'estimat'; did you mean estimate?". */
    static Optional<String> unknownCommand(String[] args, Collection<String> commands) {
        if (args.length == 0 || args[0].startsWith("-") || commands.contains(args[0])) {
            return Optional.empty();
        }
        return Optional.of("unknown command '" + args[0] + "'" + Suggest.hint(args[0], commands)
                + " (quex --help lists the commands)");
    }

    private static final Pattern OPTION = Pattern.compile("--?[A-Za-z][\\w-]*");

    /**
     * The first option of a command's arguments that the command does not have, as one line with
     * the closest it has: JCommander would call it a "main parameter" and say nothing useful.
     */
    static Optional<String> unknownOption(String name, JCommander sub, List<String> args) {
        List<String> known = new ArrayList<>();
        for (ParameterDescription p : sub.getParameters()) {
            known.addAll(Arrays.asList(p.getParameter().names()));
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (known.contains(option)) {
                ParameterDescription p = sub.getParameters().stream()
                        .filter(d -> Arrays.asList(d.getParameter().names()).contains(option)).findFirst().orElseThrow();
                if (!isFlag(p) && !a.contains("=")) {
                    i++; // its value, which may begin with '-'
                }
            } else if (OPTION.matcher(option).matches()) {
                return Optional.of("unknown option " + option + Suggest.hint(option, known) + " (quex " + name
                        + " --help lists the options)");
            }
        }
        return Optional.empty();
    }

    /** JCommander's messages in one line that names the options. */
    static String parameterError(String message) {
        if (message.startsWith("The following option")) {
            Matcher m = Pattern.compile("\\[?(--?[\\w-]+)\\]?").matcher(message.substring(message.indexOf(':') + 1));
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return "missing required option" + (names.size() > 1 ? "s " : " ") + String.join(", ", names);
        }
        Matcher main = Pattern.compile("Was passed main parameter '(.*)' but no main parameter was defined.*").matcher(message);
        if (main.matches()) {
            return "unexpected argument '" + main.group(1) + "'";
        }
        return message.lines().findFirst().orElse(message);
    }
}
