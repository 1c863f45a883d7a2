package org.quex.estimate;

import java.util.Locale;
import org.quex.QuexException;

/** What to estimate: the model, its formula, the VCE and the numerical settings. */
public record ModelSpec(Model model, Formula formula, Vce vce, Integer partitions,
                        double tolerance, int maxIterations, double collinearityTolerance, Absorb absorb) {

    /** A spec with the default absorption settings. */
    public ModelSpec(Model model, Formula formula, Vce vce, Integer partitions, double tolerance, int maxIterations,
                     double collinearityTolerance) {
        this(model, formula, vce, partitions, tolerance, maxIterations, collinearityTolerance, Absorb.DEFAULT);
    }

    /**
     * How absorbed effects are handled: singleton groups are dropped (iteratively, across all
     * effects, as reghdfe and fixest do) unless kept; the iterative solve for two or more large
     * effects stops when the relative residual of its normal equations is below
     * {@code tolerance}, or after {@code maxIterations} passes.
     */
    public record Absorb(boolean keepSingletons, double tolerance, int maxIterations) implements java.io.Serializable {
        public static final Absorb DEFAULT = new Absorb(false, 1e-10, 10_000);

        public Absorb {
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new QuexException("the absorption tolerance must be in (0, 1), got " + tolerance);
            }
            if (maxIterations < 1) {
                throw new QuexException("the absorption iteration limit must be at least 1, got " + maxIterations);
            }
        }

        public Absorb withKeepSingletons(boolean keep) {
            return new Absorb(keep, tolerance, maxIterations);
        }
    }

    public enum Model { PROBIT, OLS, FE }

    /** The variance estimator; {@code clusterVariable} is set for {@link Kind#CLUSTER} only. */
    public record Vce(Kind kind, String clusterVariable) {
        public enum Kind { OIM, EIM, CONVENTIONAL, ROBUST, CLUSTER }

        /** Parses oim | eim | conventional | robust | cluster:VAR; null gives the model's default. */
        public static Vce parse(String text, Model model) {
            if (text == null || text.isBlank()) {
                return new Vce(model == Model.PROBIT ? Kind.OIM : Kind.CONVENTIONAL, null);
            }
            String t = text.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith("cluster")) {
                String var = t.substring("cluster".length()).replaceFirst("^[:\\s]+", "").trim();
                if (var.isEmpty()) {
                    throw new QuexException("--vce cluster needs a variable: --vce cluster:firm");
                }
                return new Vce(Kind.CLUSTER, var);
            }
            Kind kind = switch (t.toLowerCase(Locale.ROOT)) {
                case "oim" -> Kind.OIM;
                case "eim", "fisher" -> Kind.EIM;
                case "conventional", "ols", "iid" -> Kind.CONVENTIONAL;
                case "robust", "hc1" -> Kind.ROBUST;
                default -> throw new QuexException("--vce '" + text
                        + "' is not one of oim, eim, conventional, robust, cluster:VAR");
            };
            if (model == Model.PROBIT && kind == Kind.CONVENTIONAL) {
                throw new QuexException("--vce " + text + " is for linear models; probit takes oim, eim, robust or cluster:VAR");
            }
            if (model != Model.PROBIT && (kind == Kind.OIM || kind == Kind.EIM)) {
                throw new QuexException("--vce " + text + " is for probit; linear models take conventional, robust or cluster:VAR");
            }
            return new Vce(kind, null);
        }

        @Override
        public String toString() {
            return kind == Kind.CLUSTER ? "cluster:" + clusterVariable : kind.name().toLowerCase(Locale.ROOT);
        }
    }

    public static Model parseModel(String text) {
        try {
            return Model.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new QuexException("--model '" + text + "' is not one of probit, ols, fe");
        }
    }

    /** A spec with the defaults: tolerance 1e-10 on the Newton step, 100 iterations, collinearity 1e-10. */
    public static ModelSpec of(Model model, String formula, String vce) {
        return new ModelSpec(model, Formula.parse(formula), Vce.parse(vce, model), null, 1e-10, 100, 1e-10);
    }

    public ModelSpec withPartitions(Integer n) {
        return new ModelSpec(model, formula, vce, n, tolerance, maxIterations, collinearityTolerance, absorb);
    }

    public ModelSpec withAbsorb(Absorb a) {
        return new ModelSpec(model, formula, vce, partitions, tolerance, maxIterations, collinearityTolerance, a);
    }

    public ModelSpec withKeepSingletons(boolean keep) {
        return withAbsorb(absorb.withKeepSingletons(keep));
    }

    /** The first absorbed effect (the fixed-effects groups), or null. */
    String groupVariable() {
        return formula.absorbed().isEmpty() ? null : formula.absorbed().get(0);
    }

    /**
     * The variable whose values define clusters of the score sums: the cluster variable, or for
     * FE with robust errors the group (Stata's xtreg, fe treats robust as clustered by panel).
     */
    String clusterVariable() {
        if (vce.kind() == Vce.Kind.CLUSTER) {
            return vce.clusterVariable();
        }
        // xtreg, fe: robust means clustered by panel; with several absorbed effects (reghdfe) it is HC1.
        if (model == Model.FE && vce.kind() == Vce.Kind.ROBUST && formula.absorbed().size() == 1) {
            return groupVariable();
        }
        return null;
    }

    /** How the score meat of the VCE is formed: by cluster, by row (robust), or not at all. */
    BlockMath.Meat meat() {
        if (clusterVariable() != null) {
            return BlockMath.Meat.CLUSTER;
        }
        return vce.kind() == Vce.Kind.ROBUST ? BlockMath.Meat.ROBUST : BlockMath.Meat.NONE;
    }

    void validate() {
        switch (model) {
            case PROBIT -> {
                if (!formula.absorbed().isEmpty()) {
                    throw new QuexException("probit does not absorb fixed effects ('| "
                            + String.join(" + ", formula.absorbed()) + "'); add them as regressors");
                }
            }
            case OLS -> {
                if (!formula.absorbed().isEmpty()) {
                    throw new QuexException("--model ols does not absorb effects; use --model fe for '| "
                            + String.join(" + ", formula.absorbed()) + "'");
                }
            }
            case FE -> {
                if (formula.absorbed().isEmpty()) {
                    throw new QuexException("--model fe needs an absorbed effect after '|', e.g. \"y ~ x | firm\"");
                }
                if (!formula.constant()) {
                    throw new QuexException("--model fe always reports the xtreg-style constant; remove '+ 0'");
                }
            }
            default -> throw new IllegalStateException();
        }
        if (formula.regressors().isEmpty() && model != Model.PROBIT) {
            throw new QuexException("formula '" + formula + "' has no regressors");
        }
    }
}
