package org.quex.panel;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;
import org.quex.ConfigFile;
import org.quex.QuexException;
import org.quex.tfp.Method;
import org.quex.tfp.OutputKind;

/**
 * The estimator settings of TFP (keys panel.tfp.method, polynomial_degree, bootstrap_replicates,
 * seed, acf_start, output of conf/quex.conf, documented there and in docs/tfp.md). Read from the panel
 * settings' echo so that PanelConfig keeps its components.
 */
public record TfpSettings(Method method, int degree, int replicates, long seed, double acfStart, OutputKind output)
        implements Serializable {

    public static TfpSettings from(ConfigFile c) {
        Method method = Method.parse(c.text("panel.tfp.method"), c.where() + ": panel.tfp.method");
        int degree = c.integer("panel.tfp.polynomial_degree");
        if (degree < 1 || degree > 4) {
            throw new QuexException(c.where() + ": panel.tfp.polynomial_degree = " + degree + " is not 1 to 4");
        }
        int replicates = c.integer("panel.tfp.bootstrap_replicates");
        if (replicates < 0 || replicates == 1 || replicates > 1000) {
            throw new QuexException(c.where() + ": panel.tfp.bootstrap_replicates = " + replicates
                    + " is not 0 (none) or 2 to 1000");
        }
        long seed;
        try {
            seed = Long.parseLong(c.text("panel.tfp.seed"));
        } catch (NumberFormatException e) {
            throw new QuexException(c.where() + ": panel.tfp.seed = '" + c.text("panel.tfp.seed") + "' is not a whole number");
        }
        OutputKind output = OutputKind.parse(c.text("panel.tfp.output"), c.where() + ": panel.tfp.output");
        if (method == Method.WRDG && output == OutputKind.GROSS_OUTPUT) {
            throw new QuexException(c.where() + ": panel.tfp.output = gross_output: method wrdg has no gross-output"
                    + " variant (docs/tfp.md)");
        }
        return new TfpSettings(method, degree, replicates, seed, c.decimal("panel.tfp.acf_start"), output);
    }

    /** The settings from the panel.* echo of a configuration already read. */
    static TfpSettings fromEcho(Map<String, String> echo) {
        Properties p = new Properties();
        p.putAll(echo);
        return from(new ConfigFile(p, "panel settings"));
    }
}
