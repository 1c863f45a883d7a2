package org.quex.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.quex.QuexException;

/** What to estimate: the model, its formula, the VCE and the numerical settings. */
public record ModelSpec(Model model, Formula formula, Vce vce, Integer partitions,
                        double tolerance, int maxIterations, double collinearityTolerance, Weights weights,
                        Absorb absorb) {

    /** A spec with the default absorption settings. */
    public ModelSpec(Model model, Formula formula, Vce vce, Integer partitions, double tolerance, int maxIterations,
                     double collinearityTolerance, Weights weights) {
        this(model, formula, vce, partitions, tolerance, maxIterations, collinearityTolerance, weights, Absorb.DEFAULT);
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

    /** Without weights. */
    public ModelSpec(Model model, Formula formula, Vce vce, Integer partitions, double tolerance, int maxIterations,
                     double collinearityTolerance) {
        this(model, formula, vce, partitions, tolerance, maxIterations, collinearityTolerance, null, Absorb.DEFAULT);
    }

    /**
     * Observation weights, as Stata's {@code [aw=VAR]} and {@code [fw=VAR]}: analytic weights
     * (inversely proportional to a variance; results do not change when all are multiplied by
     * a constant) or frequency weights (a row stands for that many identical observations, so N
     * is their sum). A row with a missing or zero weight leaves the sample; a negative weight,
     * or a frequency weight that is not a whole number, is an error.
     */
    public record Weights(Kind kind, String variable) implements java.io.Serializable {
        public enum Kind { ANALYTIC, FREQUENCY }

        /** Parses aw:VAR | fw:VAR (also aweight:, fweight:); null or blank gives null (no weights). */
        public static Weights parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            String t = text.trim();
            int colon = t.indexOf(':');
            String kind = colon < 0 ? "" : t.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String var = colon < 0 ? "" : t.substring(colon + 1).trim();
            Kind k = switch (kind) {
                case "aw", "aweight", "analytic" -> Kind.ANALYTIC;
                case "fw", "fweight", "frequency" -> Kind.FREQUENCY;
                default -> null;
            };
            if (k == null || var.isEmpty()) {
                throw new QuexException("--weights '" + text + "' is not aw:VAR (analytic) or fw:VAR (frequency)");
            }
            return new Weights(k, var);
        }

        @Override
        public String toString() {
            return (kind == Kind.ANALYTIC ? "aw:" : "fw:") + variable;
        }
    }

    public ModelSpec withWeights(Weights w) {
        return new ModelSpec(model, formula, vce, partitions, tolerance, maxIterations, collinearityTolerance, w, absorb);
    }

    /**
     * The variance estimator; {@code clusterVariable} is set for {@link Kind#CLUSTER} only and
     * names one variable or several joined by '+' (multi-way clustering, {@code cluster:firm+year}).
     */
    public record Vce(Kind kind, String clusterVariable) {
        public enum Kind { OIM, EIM, CONVENTIONAL, ROBUST, HC3, CLUSTER }

        /** Parses oim | eim | conventional | robust | hc1 | hc3 | cluster:VAR[+VAR...]; null gives the model's default. */
        public static Vce parse(String text, Model model) {
            if (text == null || text.isBlank()) {
                return new Vce(model == Model.PROBIT ? Kind.OIM : Kind.CONVENTIONAL, null);
            }
            String t = text.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith("cluster")) {
                String var = t.substring("cluster".length()).replaceFirst("^[:\\s]+", "").trim();
                if (var.isEmpty()) {
                    throw new QuexException("--vce cluster needs a variable: --vce cluster:firm (or cluster:firm+year)");
                }
                List<String> vars = new ArrayList<>();
                for (String v : var.split("\\+", -1)) {
                    String name = v.trim();
                    if (name.isEmpty() || vars.contains(name)) {
                        throw new QuexException("--vce '" + text + "': " + (name.isEmpty() ? "an empty" : "a repeated '"
                                + name + "'") + " cluster variable; write cluster:firm or cluster:firm+year");
                    }
                    vars.add(name);
                }
                if (vars.size() > Variance.MAX_CLUSTER_DIMENSIONS) {
                    throw new QuexException("--vce '" + text + "': at most " + Variance.MAX_CLUSTER_DIMENSIONS
                            + " cluster variables");
                }
                return new Vce(Kind.CLUSTER, String.join("+", vars));
            }
            Kind kind = switch (t.toLowerCase(Locale.ROOT)) {
                case "oim" -> Kind.OIM;
                case "eim", "fisher" -> Kind.EIM;
                case "conventional", "ols", "iid" -> Kind.CONVENTIONAL;
                case "robust", "hc1" -> Kind.ROBUST;
                case "hc3" -> Kind.HC3;
                default -> throw new QuexException("--vce '" + text
                        + "' is not one of oim, eim, conventional, robust, hc1, hc3, cluster:VAR");
            };
            if (model == Model.PROBIT && kind == Kind.CONVENTIONAL) {
                throw new QuexException("--vce " + text + " is for linear models; probit takes oim, eim, robust or cluster:VAR");
            }
            if (model != Model.PROBIT && (kind == Kind.OIM || kind == Kind.EIM)) {
                throw new QuexException("--vce " + text + " is for probit; linear models take conventional, robust, hc3 or cluster:VAR");
            }
            if (kind == Kind.HC3 && model != Model.OLS) {
                throw new QuexException("--vce hc3 is for --model ols (as Stata's regress, vce(hc3)); "
                        + model.name().toLowerCase(Locale.ROOT) + " takes robust or cluster:VAR");
            }
            return new Vce(kind, null);
        }

        /** The cluster variables in the order given (empty unless {@link Kind#CLUSTER}). */
        public List<String> clusterVariables() {
            return clusterVariable == null ? List.of() : List.of(clusterVariable.split("\\+"));
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
        return new ModelSpec(model, formula, vce, n, tolerance, maxIterations, collinearityTolerance, weights, absorb);
    }

    public ModelSpec withAbsorb(Absorb a) {
        return new ModelSpec(model, formula, vce, partitions, tolerance, maxIterations, collinearityTolerance, weights, a);
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
            return clusterDimensions().get(0);
        }
        // xtreg, fe: robust means clustered by panel; with several absorbed effects (reghdfe) it is HC1.
        if (model == Model.FE && vce.kind() == Vce.Kind.ROBUST && formula.absorbed().size() == 1) {
            return groupVariable();
        }
        return null;
    }

    /**
     * The cluster variables with the fixed-effects group first where it is one of them: for OLS
     * and probit the first decides the partitioning (the CGM sum does not depend on the order);
     * FE is partitioned by its absorbed effect, and clusters of other variables are summed by key.
     */
    List<String> clusterDimensions() {
        List<String> all = new ArrayList<>(vce.clusterVariables());
        String group = model == Model.FE ? groupVariable() : null;
        if (group != null && all.remove(group)) {
            all.add(0, group);
        }
        return all;
    }

    /**
     * The cluster variables beyond the first (multi-way clustering): their keys travel with the
     * rows, while the first one decides the partitioning.
     */
    List<String> otherClusterVariables() {
        List<String> all = clusterDimensions();
        return all.size() <= 1 ? List.of() : all.subList(1, all.size());
    }

    /** How the score meat of the VCE is formed: by cluster(s), by row (robust, HC3), or not at all. */
    BlockMath.Meat meat() {
        if (!otherClusterVariables().isEmpty()) {
            return BlockMath.Meat.MULTIWAY;
        }
        if (clusterVariable() != null) {
            return BlockMath.Meat.CLUSTER;
        }
        return switch (vce.kind()) {
            case ROBUST -> BlockMath.Meat.ROBUST;
            case HC3 -> BlockMath.Meat.HC3;
            default -> BlockMath.Meat.NONE;
        };
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
        if (weights != null && model == Model.PROBIT && weights.kind() == Weights.Kind.ANALYTIC) {
            throw new QuexException("probit takes frequency weights (fw:VAR), not analytic ones, as Stata's probit");
        }
        if (weights != null && weights.kind() == Weights.Kind.FREQUENCY && vce.kind() == Vce.Kind.HC3) {
            throw new QuexException("--vce hc3 takes no frequency weights (a row's copies would share its leverage)");
        }
        if (formula.regressors().isEmpty() && model != Model.PROBIT) {
            throw new QuexException("formula '" + formula + "' has no regressors");
        }
    }
}
