package org.quex.cli;

import com.beust.jcommander.Parameter;

/** A subcommand of {@code quex}: JCommander fills its fields, then {@link #run()} does the work. */
public abstract class QuexCommand {
    @Parameter(names = {"-h", "--help"}, help = true, description = "List this command's options")
    boolean help;

    /** Runs the command; throws {@link org.quex.QuexException} for errors the user can act on. */
    public abstract void run() throws Exception;
}
