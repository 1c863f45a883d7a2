package org.quex.synth;

import java.util.SplittableRandom;

/**
 * The export equations with the true coefficients. Status: ex = 1 if x'β + ε > 0, ε ~ N(0, 1)
 * (the probit of Model 1). Scale, for exporters: ln_export = α_i + x'γ + u, u ~ N(0, σ²), with the
 * firm effect α_i (Model 3 with qu, or Model 5 with lqu/mqu/hqu); export delivery value is
 * exp(ln_export) rounded to whole thousand RMB. ε and u are independent of each other and of x,
 * so the probit on all clean firm-years and the FE regression on exporters recover β and γ.
 */
public record ExportDecision(double index, int ex, long exportValue) {

    public static ExportDecision draw(TrueCoefficients truth, String scaleEquation, Regressors x, double tfp, int qu,
                                      double firmEffect, SplittableRandom r) {
        double epsilon = FirmProfile.gaussian(r);
        double u = FirmProfile.gaussian(r);
        double index = probitIndex(truth, x, tfp, qu);
        int ex = index + epsilon > 0 ? 1 : 0;
        if (ex == 0) {
            return new ExportDecision(index, 0, 0);
        }
        double lnExport = firmEffect + scaleIndex(truth, scaleEquation, x, tfp, qu)
                + truth.get(TrueCoefficients.DGP, "fe_error_sd") * u;
        return new ExportDecision(index, 1, Math.max(1, Math.round(Math.exp(lnExport))));
    }

    /**
     * x'β of Model 1. A loss-making firm has no pro (ln of profit + 1 is undefined): its term is left
     * out, and the firm-year drops out of an estimation that needs pro.
     */
    public static double probitIndex(TrueCoefficients t, Regressors x, double tfp, int qu) {
        String e = TrueCoefficients.PROBIT;
        double pro = Double.isNaN(x.pro()) ? 0 : t.get(e, "pro") * x.pro();
        return t.get(e, "_cons") + t.get(e, "qu") * qu + t.get(e, "tfp") * tfp + t.get(e, "ln_cap") * x.lnCap()
                + t.get(e, "age") * x.age() + t.get(e, "age2") * x.age2() + t.get(e, "scale1") * x.scale1()
                + t.get(e, "scale2") * x.scale2() + t.get(e, "scale3") * x.scale3() + pro
                + t.get(e, "sta") * x.sta() + t.get(e, "cen") * x.cen();
    }

    /** x'γ of the export-scale equation including its constant (the firm effect is added separately). */
    public static double scaleIndex(TrueCoefficients t, String e, Regressors x, double tfp, int qu) {
        double quality;
        if (e.equals(TrueCoefficients.FE_QU)) {
            quality = t.get(e, "qu") * qu;
        } else {
            quality = t.get(e, "lqu") * QualityLevel.low(qu) + t.get(e, "mqu") * QualityLevel.mid(qu)
                    + t.get(e, "hqu") * QualityLevel.high(qu);
        }
        return t.get(e, "_cons") + quality + t.get(e, "tfp") * tfp + t.get(e, "ln_cap") * x.lnCap()
                + t.get(e, "age") * x.age() + t.get(e, "age2") * x.age2() + t.get(e, "scale1") * x.scale1()
                + t.get(e, "scale2") * x.scale2() + t.get(e, "scale3") * x.scale3() + t.get(e, "roa") * x.roa()
                + t.get(e, "sta") * x.sta() + t.get(e, "cen") * x.cen();
    }
}
