package org.quex.report;

import java.util.List;
import org.quex.estimate.FitResult;
import org.quex.estimate.ModelSpec;

/** Hand-built fits with known numbers, for the report tests. */
final class Fits {
    private Fits() {
    }

    static FitResult.Term term(String name, double estimate, double se, double p) {
        return new FitResult.Term(name, estimate, se, estimate / se, p, false, null);
    }

    static FitResult.Term omitted(String name, String reason) {
        return new FitResult.Term(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN, true, reason);
    }

    static FitResult probit(String formula, long n, double pseudoR2, FitResult.Term... terms) {
        FitResult.Likelihood stats = new FitResult.Likelihood(Double.NaN, Double.NaN, pseudoR2, 0, Double.NaN,
                Double.NaN, null, null);
        return new FitResult(ModelSpec.of(ModelSpec.Model.PROBIT, formula, "oim"), List.of(terms), FitResult.Sample.of(n),
                new FitResult.Convergence(1, true, null, null), stats, null, List.of(), null);
    }

    static FitResult fe(String formula, long n, long groups, double adjR2Within, FitResult.Term... terms) {
        FitResult.Linear stats = new FitResult.Linear(0, 0, Double.NaN, Double.NaN, null, null, null, null,
                adjR2Within + 0.01, adjR2Within);
        FitResult.Sample sample = new FitResult.Sample(n, 0, null, groups, null, null, null, null, null, null, null,
                null, null);
        return new FitResult(ModelSpec.of(ModelSpec.Model.FE, formula, "cluster:firm"), List.of(terms), sample,
                new FitResult.Convergence(1, true, null, null), stats, null, List.of(), null);
    }

    /** Table 2 in miniature: model 1, and model 2-1 that adds rd, dropped as collinear. */
    static RegressionTable probitTable() {
        FitResult m1 = probit("ex ~ qu + ln_cap", 418213, 0.1234,
                term("qu", 0.00437, 0.0011, 0.0001),
                term("ln_cap", 0.05, 0.03, 0.07),
                term("_cons", -1.2, 0.1, 1e-30));
        FitResult m21 = probit("ex ~ qu + ln_cap + rd", 418213, 0.13,
                term("qu", 0.01, 0.0046, 0.03),
                term("ln_cap", 0.02, 0.03, 0.5),
                term("_cons", -1.1, 0.1, 1e-20),
                omitted("rd", "collinear"));
        return new RegressionTable("table2", "Table 2. Product quality upgrading and export status (Probit)", null,
                List.of(new ModelColumn("1", m1), new ModelColumn("2-1", m21)));
    }

    /** Table 3 in miniature: one FE model with age constant within firm. */
    static RegressionTable feTable() {
        FitResult m3 = fe("ln_export ~ qu + age | firm", 120000, 1000, 0.25,
                term("qu", 0.3, 0.1, 0.003),
                omitted("age", "constant within firm"),
                term("_cons", 7.5, 0.2, 0.0));
        return new RegressionTable("table3", "Table 3. Product quality upgrading and export scale (FE)", null,
                List.of(new ModelColumn("3", m3)));
    }
}
