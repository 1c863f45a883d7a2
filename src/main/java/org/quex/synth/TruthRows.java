package org.quex.synth;

/** The CSV lines of the per-firm truth files (UTF-8, LF): truth/firm_years.csv and truth/links.csv. */
public final class TruthRows {
    public static final String FIRM_YEARS = "truth/firm_years.csv";
    public static final String LINKS = "truth/links.csv";
    public static final String FIRM_YEARS_HEADER = "year,firm,asif_firm_id,customs_firm_code,industry_2002,asif_defect,"
            + "tfp,qu,lqu,mqu,hqu,ln_cap,age,age2,scale1,scale2,scale3,pro,roa,sta,cen,for,probit_index,ex,"
            + "firm_effect,export_value,ln_export,customs_export_usd,intermediary_export_usd,customs_rows";
    public static final String LINKS_HEADER = "year,customs_firm_code,asif_firm_id,firm,name_variant,customs_name,asif_name,"
            + "asif_defect";

    private TruthRows() {
    }

    public static String firmYear(FirmHistory.FirmYearTruth t) {
        Regressors x = t.x();
        return String.join(",", Integer.toString(t.year()), Integer.toString(t.firm()), t.asifFirmId(),
                t.customsFirmCode(), t.industry2002(), t.asifDefect() == null ? "" : t.asifDefect().label(),
                num(t.tfp()), Integer.toString(t.qu()), Integer.toString(QualityLevel.low(t.qu())),
                Integer.toString(QualityLevel.mid(t.qu())), Integer.toString(QualityLevel.high(t.qu())),
                num(x.lnCap()), Integer.toString(x.age()), Integer.toString(x.age2()), Integer.toString(x.scale1()),
                Integer.toString(x.scale2()), Integer.toString(x.scale3()), num(x.pro()), num(x.roa()),
                Integer.toString(x.sta()), Integer.toString(x.cen()), Integer.toString(x.foreign()),
                num(t.probitIndex()), Integer.toString(t.ex()), num(t.firmEffect()), Long.toString(t.exportValue()),
                t.ex() == 1 ? num(Math.log(t.exportValue())) : "", Long.toString(t.directExportUsd()),
                Long.toString(t.indirectExportUsd()), Integer.toString(t.customsRows()));
    }

    public static String link(FirmHistory.Link l) {
        return String.join(",", Integer.toString(l.year()), l.customsFirmCode(), l.asifFirmId(), Integer.toString(l.firm()),
                l.nameVariant(), quote(l.customsName()), quote(l.asifName()), l.asifDefect());
    }

    /** Shortest round-trip decimal; empty for an undefined value. */
    static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
