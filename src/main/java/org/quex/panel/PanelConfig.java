package org.quex.panel;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.quex.ConfigFile;

/** The panel settings of conf/quex.conf (keys panel.*), each documented there. */
public record PanelConfig(boolean exFromCustomsToo, HonourValidity honourValidity, List<String> foreignPrefixes,
                          List<String> stateRegistrationTypes, boolean stateByLargestCapital,
                          List<String> centralAffiliations, int sizeStandard2011From, int industry2002From, int industry2011From,
                          int hhiDigits, List<String> highTechPrefixes, boolean tfpByYear, int tfpMinRows,
                          SurveyFrame frame, List<org.quex.match.PanelIds.Step> idSteps, int idMaxGap,
                          Deflators deflators, double capitalDepreciation, List<String> realVariables,
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
                c.integer("panel.industry.gbt4754_2002_from"), c.integer("panel.industry.gbt4754_2011_from"), hhiDigits, c.list("panel.indus.high_4digit_prefixes"),
                c.choice("panel.tfp.groups", "industry", "industry_year").equals("industry_year"),
                c.integer("panel.tfp.min_rows"), SurveyFrame.from(c), idSteps(c), idMaxGap(c),
                deflators(c), depreciation(c), realVariables(c), c.echo("panel."));
    }

    /** panel.real.variables: none, or Table 1 variables computed from real values (needs a deflator table). */
    private static List<String> realVariables(ConfigFile c) {
        List<String> list = c.list("panel.real.variables");
        if (list.equals(List.of("none"))) {
            return List.of();
        }
        for (String v : list) {
            if (!RealValues.DEFLATABLE.contains(v)) {
                throw new org.quex.QuexException(c.where() + ": panel.real.variables item '" + v + "' is not one of none, "
                        + String.join(", ", RealValues.DEFLATABLE));
            }
        }
        if (c.text("panel.deflators.table").equals("none")) {
            throw new org.quex.QuexException(c.where() + ": panel.real.variables = " + String.join(",", list)
                    + " needs panel.deflators.table");
        }
        return List.copyOf(list);
    }

    /** panel.deflators.table: none, or a CSV file in the format of {@link Deflators}. */
    private static Deflators deflators(ConfigFile c) {
        String table = c.text("panel.deflators.table");
        if (table.equals("none")) {
            return null;
        }
        java.nio.file.Path path = java.nio.file.Path.of(table);
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(path)) {
            return Deflators.read(in, table);
        } catch (java.io.IOException e) {
            throw new org.quex.QuexException(c.where() + ": panel.deflators.table " + table + " cannot be read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static double depreciation(ConfigFile c) {
        double d = c.decimal("panel.capital.depreciation");
        if (!(d >= 0 && d < 1)) {
            throw new org.quex.QuexException(c.where() + ": panel.capital.depreciation = " + d + " is not in [0, 1)");
        }
        return d;
    }

    private static List<org.quex.match.PanelIds.Step> idSteps(ConfigFile c) {
        List<org.quex.match.PanelIds.Step> steps = new java.util.ArrayList<>();
        for (String s : c.list("panel.id.steps")) {
            try {
                steps.add(org.quex.match.PanelIds.Step.of(s));
            } catch (IllegalArgumentException e) {
                throw new org.quex.QuexException(c.where() + ": panel.id.steps item '" + s + "' is not one of firm_id, name,"
                        + " legal_person, phone, founding_industry");
            }
        }
        if (steps.isEmpty() || steps.get(0) != org.quex.match.PanelIds.Step.FIRM_ID) {
            throw new org.quex.QuexException(c.where() + ": panel.id.steps must start with firm_id");
        }
        return List.copyOf(steps);
    }

    private static int idMaxGap(ConfigFile c) {
        int gap = c.integer("panel.id.max_gap");
        if (gap < 1) {
            throw new org.quex.QuexException(c.where() + ": panel.id.max_gap = " + gap + " is not at least 1");
        }
        return gap;
    }
}
