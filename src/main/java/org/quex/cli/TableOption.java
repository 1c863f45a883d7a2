package org.quex.cli;

import com.beust.jcommander.Parameter;
import org.quex.report.Labels;
import org.quex.report.Reference;
import org.quex.report.TableFormat;
import org.quex.report.TableOptions;

/** {@code --reference}, {@code --labels} and {@code --digits}: the table options of run and report. */
final class TableOption {
    @Parameter(names = "--reference", description = "Values in brackets under the estimates: paper (the published"
            + " coefficients, on the paper's models only, known by formula), truth (the true values of generated data:"
            + " run --demo's, or report --truth FILE) or none")
    String reference = "none";

    @Parameter(names = "--labels", description = "Labels file of the tables (default: the packed conf/labels.conf, the"
            + " paper's names; none: variable names)")
    String labels;

    @Parameter(names = "--digits", description = "Decimals in the tables: N for every term, TERM=N for one (e.g. 3,si2=1);"
            + " over a model file's digits")
    String digits;

    /** The options, each checked now: a bad value is one line before any work. */
    TableOptions options() {
        TableOptions options = new TableOptions(Reference.parse(reference), Labels.load(labels), digits);
        TableFormat.parseDigits(digits, TableFormat.paper(), "--digits");
        return options;
    }
}
