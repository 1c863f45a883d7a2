package org.quex.panel;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.quex.ConfigFile;

/** The panel settings of conf/quex.conf (keys panel.*), each documented there. */
public record PanelConfig(boolean exFromCustomsToo, HonourValidity honourValidity, List<String> foreignPrefixes,
                          List<String> stateRegistrationTypes, boolean stateByLargestCapital,
                          List<String> centralAffiliations, int sizeStandard2011From, int industry2011From,
                          int hhiDigits, List<String> highTechPrefixes, boolean tfpByYear, int tfpMinRows,
                          Map<String, String> echo) implements Serializable {

    /** Which honours count in a year. */
    public enum HonourValidity {
        UNTIL_EXPIRY, NO_EXPIRY, YEAR_OBTAINED;

        /** Whether an honour obtained in {@code obtained} (expiring after {@code expiry}, or never) counts in {@code year}. */
        public boolean holds(int obtained, Integer expiry, int year) {
            return switch (this) {
                case UNTIL_EXPIRY -> obtained <= year && (expiry == null || expiry >= year);
                case NO_EXPIRY -> obtained <= year;
                case YEAR_OBTAINED -> obtained == year;
            };
        }
    }

    /** The TFP estimator settings (panel.tfp.*). */
    public TfpSettings tfp() {
        return TfpSettings.fromEcho(echo);
    }

    public static PanelConfig from(ConfigFile c) {
        String validity = c.choice("panel.quality.validity", "until_expiry", "no_expiry", "year_obtained");
        int hhiDigits = c.integer("panel.hhi.industry_digits");
        if (hhiDigits < 2 || hhiDigits > 4) {
            throw new org.quex.QuexException(c.where() + ": panel.hhi.industry_digits = " + hhiDigits + " is not 2, 3 or 4");
        }
        TfpSettings.from(c); // checked here, where the file is named
        return new PanelConfig(
                c.choice("panel.ex.source", "asif", "asif_or_customs").equals("asif_or_customs"),
                HonourValidity.valueOf(validity.toUpperCase(java.util.Locale.ROOT)),
                c.list("panel.for.registration_prefixes"), c.list("panel.sta.registration_types"),
                Boolean.parseBoolean(c.choice("panel.sta.largest_capital", "true", "false")),
                c.list("panel.cen.affiliations"), c.integer("panel.size.standard_2011_from"),
                c.integer("panel.industry.gbt4754_2011_from"), hhiDigits, c.list("panel.indus.high_4digit_prefixes"),
                c.choice("panel.tfp.groups", "industry", "industry_year").equals("industry_year"),
                c.integer("panel.tfp.min_rows"), c.echo("panel."));
    }
}
