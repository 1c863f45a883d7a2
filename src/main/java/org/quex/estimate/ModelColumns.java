package org.quex.estimate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.quex.QuexException;

/**
 * The Spark edge of a formula: the response and every design column as a Spark column of
 * doubles (null where missing), with the names fixest gives them. A plain column is passed
 * through as it is (text is parsed, with its errors, where the blocks are built); expressions
 * become Spark expressions; {@code i(var)} needs the levels of var and {@code poly(x, d)} the
 * coefficients of R's orthogonal polynomials, each found by one small aggregation over the rows
 * where the model's input columns are all present (as fixest finds them after removing missing rows).
 */
final class ModelColumns {
    /** More levels than this in i() is not a factor but an absorbed effect. */
    static final int MAX_LEVELS = 10_000;

    /** The design columns' names (without the response), in order. */
    final List<String> names = new ArrayList<>();
    /**
     * Per term that is a single factor {@code i(var)} (not interacted): the indices in {@link #names}
     * of its dummies, which margins treat as one factor (discrete changes from the base level).
     */
    final List<int[]> factorGroups = new ArrayList<>();
    /** The response then the design columns, as Spark columns. */
    final List<Column> columns = new ArrayList<>();
    /** The same as doubles (text parsed), for expressions over a table such as predictions. */
    private final List<Column> numbers = new ArrayList<>();

    private final Dataset<Row> input;
    private final StructType schema;
    private final Column complete;

    private ModelColumns(Dataset<Row> input, Formula f) {
        this.input = input;
        this.schema = input.schema();
        this.complete = completeRows(f);
        columns.add(response(f.responseExpr()));
        for (Term term : f.terms()) {
            int first = names.size();
            expand(term);
            if (term.parts().size() == 1 && term.parts().get(0) instanceof Term.Factor) {
                factorGroups.add(java.util.stream.IntStream.range(first, names.size()).toArray());
            }
        }
    }

    /** The columns of a formula on a table whose schema holds every variable it reads. */
    static ModelColumns of(Dataset<Row> input, Formula f) {
        return new ModelColumns(input, f);
    }

    /**
     * The response and the design columns as Spark expressions of doubles (null where missing), by
     * name (the response under its label), for computing over a table what a fit on it used:
     * x′b for predictions. Factor levels and polynomial coefficients come from this table.
     */
    static Map<String, Column> numericByName(Dataset<Row> input, Formula f) {
        ModelColumns m = new ModelColumns(input, f);
        Map<String, Column> out = new LinkedHashMap<>();
        out.put(f.response(), m.numbers.get(0));
        for (int i = 0; i < m.names.size(); i++) {
            out.put(m.names.get(i), m.numbers.get(i + 1));
        }
        return out;
    }

    /** The response: a plain column as it is (text parsed later), an expression evaluated. */
    private Column response(Expr e) {
        numbers.add(numeric(e));
        return e instanceof Expr.Var v ? raw(v.name()) : alias(numeric(e));
    }

    private void expand(Term term) {
        if (term.isPlainVariable()) {
            String name = ((Expr.Var) ((Term.Numeric) term.parts().get(0)).expr()).name();
            names.add(name);
            columns.add(raw(name));
            numbers.add(numeric(new Expr.Var(name)));
            return;
        }
        List<String> partialNames = new ArrayList<>(List.of(""));
        List<Column> partial = new ArrayList<>(List.of(functions.lit(1.0)));
        for (Term.Part part : term.parts()) {
            Map<String, Column> pieces = pieces(part);
            List<String> nextNames = new ArrayList<>();
            List<Column> next = new ArrayList<>();
            for (int i = 0; i < partial.size(); i++) {
                for (Map.Entry<String, Column> piece : pieces.entrySet()) {
                    nextNames.add(partialNames.get(i).isEmpty() ? piece.getKey() : partialNames.get(i) + ":" + piece.getKey());
                    next.add(partial.get(i).multiply(piece.getValue()));
                }
            }
            partialNames = nextNames;
            partial = next;
        }
        for (int i = 0; i < partial.size(); i++) {
            names.add(partialNames.get(i));
            columns.add(alias(finite(partial.get(i))));
            numbers.add(finite(partial.get(i)));
        }
    }

    /** The columns of one part of an interaction, by name. */
    private Map<String, Column> pieces(Term.Part part) {
        Map<String, Column> out = new LinkedHashMap<>();
        if (part instanceof Term.Numeric n) {
            out.put(n.label(), numeric(n.expr()));
        } else if (part instanceof Term.Factor f) {
            Column key = functions.col(quote(f.variable()));
            for (Level level : levels(f)) {
                out.put(f.variable() + "::" + level.label(), key.equalTo(functions.lit(level.value()))
                        .cast(DataTypes.DoubleType));
            }
        } else if (part instanceof Term.Poly p) {
            List<Column> basis = p.raw() ? rawPowers(p) : orthogonal(p);
            for (int k = 0; k < basis.size(); k++) {
                out.put(p.label() + (k + 1), basis.get(k));
            }
        }
        return out;
    }

    /** A level of a factor: the value as the column holds it, and as it is printed in names. */
    record Level(Object value, String label) {
    }

    /**
     * The levels of i(var) in the estimation rows, sorted (numerically when all are numbers, as
     * R sorts a numeric column), without the reference levels.
     */
    private List<Level> levels(Term.Factor f) {
        Column key = functions.col(quote(f.variable()));
        List<Row> rows = input.where(complete.and(key.isNotNull())).select(key).distinct().limit(MAX_LEVELS + 1)
                .collectAsList();
        if (rows.size() > MAX_LEVELS) {
            throw new QuexException(f.label() + ": '" + f.variable() + "' has more than " + MAX_LEVELS
                    + " levels; absorb it instead (after '|')");
        }
        List<Level> levels = new ArrayList<>();
        for (Row r : rows) {
            levels.add(new Level(r.get(0), levelLabel(r.get(0))));
        }
        boolean numeric = levels.stream().allMatch(l -> number(l.label()) != null);
        levels.sort(numeric ? Comparator.comparingDouble(l -> number(l.label())) : Comparator.comparing(Level::label));
        for (String ref : f.refs()) {
            boolean found = levels.removeIf(l -> l.label().equals(ref)
                    || (number(ref) != null && number(ref).equals(number(l.label()))));
            if (!found) {
                throw new QuexException(f.label() + ": " + ref + " is not a level of '" + f.variable() + "' (levels: "
                        + String.join(", ", levels.stream().limit(20).map(Level::label).toList())
                        + (levels.size() > 20 ? ", …" : "") + ")");
            }
        }
        if (levels.isEmpty()) {
            throw new QuexException(f.label() + ": '" + f.variable() + "' has no level left"
                    + (f.refs().isEmpty() ? " (no rows)" : " besides the reference"));
        }
        return levels;
    }

    private static String levelLabel(Object v) {
        if (v instanceof Double || v instanceof Float) {
            return Expr.number(((Number) v).doubleValue());
        }
        return v.toString();
    }

    private static Double number(String s) {
        try {
            return Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private List<Column> rawPowers(Term.Poly p) {
        Column x = numeric(p.x());
        List<Column> out = new ArrayList<>();
        for (int k = 1; k <= p.degree(); k++) {
            out.add(k == 1 ? x : functions.pow(x, k));
        }
        return out;
    }

    /**
     * R's {@code poly(x, d)}: the monic polynomials orthogonal over the rows (three-term
     * recurrence P₀ = 1, P₁ = x − α₀, P_{k+1} = (x − α_k)P_k − (n_k/n_{k−1})P_{k−1}, with
     * α_k = Σx·P_k²/ΣP_k² and n_k = ΣP_k²), each divided by √n_k: the same columns R's
     * {@code poly} and its {@code predict} give. One aggregation per degree finds α_k and n_k.
     */
    private List<Column> orthogonal(Term.Poly p) {
        Column x = numeric(p.x());
        Dataset<Row> rows = input.where(complete.and(x.isNotNull())).select(x.as("x"));
        Column xs = functions.col("x");
        List<Column> polys = new ArrayList<>(); // P_k as expressions of x, k = 0..d
        List<Column> polysOfXs = new ArrayList<>();
        List<Double> norms = new ArrayList<>(); // n_{-1} = 1, n_0 = N, n_1, …
        norms.add(1.0);
        polys.add(functions.lit(1.0));
        polysOfXs.add(functions.lit(1.0));
        List<Double> alphas = new ArrayList<>();
        for (int k = 0; k <= p.degree(); k++) {
            Column pk = polysOfXs.get(k);
            Row s = rows.agg(functions.sum(pk.multiply(pk)), functions.sum(xs.multiply(pk).multiply(pk))).first();
            if (s.isNullAt(0)) {
                throw new QuexException(p.label() + ": no rows with a value of " + p.x().label());
            }
            double nk = s.getDouble(0);
            if (k == p.degree()) {
                norms.add(nk);
                break;
            }
            if (!(nk > 0)) {
                throw new QuexException(p.label() + ": " + p.x().label() + " takes fewer than " + (p.degree() + 1)
                        + " distinct values");
            }
            double alpha = s.getDouble(1) / nk;
            alphas.add(alpha);
            norms.add(nk);
            double ratio = norms.get(k + 1) / norms.get(k);
            polys.add(next(x, alpha, polys.get(k), k == 0 ? null : polys.get(k - 1), ratio));
            polysOfXs.add(next(xs, alpha, polysOfXs.get(k), k == 0 ? null : polysOfXs.get(k - 1), ratio));
        }
        List<Column> out = new ArrayList<>();
        for (int k = 1; k <= p.degree(); k++) {
            double nk = norms.get(k + 1);
            if (!(nk > 0)) {
                throw new QuexException(p.label() + ": " + p.x().label() + " takes fewer than " + (p.degree() + 1)
                        + " distinct values");
            }
            out.add(polys.get(k).divide(Math.sqrt(nk)));
        }
        return out;
    }

    private static Column next(Column x, double alpha, Column pk, Column previous, double ratio) {
        Column c = x.minus(alpha).multiply(pk);
        return previous == null ? c : c.minus(previous.multiply(ratio));
    }

    /** A numeric expression as a Spark column of doubles; undefined values (log 0, x/0) are null. */
    private Column numeric(Expr e) {
        return finite(spark(e));
    }

    private Column spark(Expr e) {
        if (e instanceof Expr.Var v) {
            return asDouble(v.name());
        }
        if (e instanceof Expr.Num n) {
            return functions.lit(n.value());
        }
        if (e instanceof Expr.Neg n) {
            return functions.negate(spark(n.operand()));
        }
        if (e instanceof Expr.Paren p) {
            return spark(p.inner());
        }
        if (e instanceof Expr.Binary b) {
            Column l = spark(b.left());
            Column r = spark(b.right());
            return switch (b.op()) {
                case '+' -> l.plus(r);
                case '-' -> l.minus(r);
                case '*' -> l.multiply(r);
                case '/' -> functions.when(r.notEqual(0.0), l.divide(r)); // x/0 is missing, not an error
                case '^' -> functions.pow(l, r);
                default -> throw new IllegalStateException("operator " + b.op());
            };
        }
        Expr.Call c = (Expr.Call) e;
        Column a = spark(c.argument());
        return switch (c.function()) {
            case "log" -> functions.when(a.gt(0.0), functions.log(a)); // log(0) is missing, as Stata's ln()
            case "exp" -> functions.exp(a);
            case "sqrt" -> functions.when(a.geq(0.0), functions.sqrt(a));
            case "abs" -> functions.abs(a);
            case "I" -> a;
            default -> throw new IllegalStateException("function " + c.function());
        };
    }

    /**
     * A computed column gets a name of its own; plain columns keep theirs, so that a projection
     * of a cached table's columns stays a columnar scan.
     */
    private Column alias(Column c) {
        return c.as("__quex_design_" + columns.size());
    }

    /** Null for NaN and ±∞ (exp overflow, 0^-1): a missing value, dropped with its row. */
    private static Column finite(Column c) {
        return functions.when(functions.isnan(c).or(functions.abs(c).equalTo(Double.POSITIVE_INFINITY)), null)
                .otherwise(c);
    }

    /** A column as the blocks read it: doubles and text as they are, other numbers as doubles. */
    private Column raw(String name) {
        DataType type = schema.apply(name).dataType();
        Column c = functions.col(quote(name));
        return type instanceof StringType ? c : c.cast(DataTypes.DoubleType);
    }

    /** A column as doubles inside an expression: text parsed with the same rules and errors as elsewhere. */
    private Column asDouble(String name) {
        DataType type = schema.apply(name).dataType();
        Column c = functions.col(quote(name));
        if (type instanceof StringType) {
            return parser(name).apply(c);
        }
        if (type instanceof NumericType || type instanceof BooleanType) {
            return c.cast(DataTypes.DoubleType);
        }
        throw new QuexException("column '" + name + "' is " + type.simpleString() + ", not a number");
    }

    private static UserDefinedFunction parser(String name) {
        UDF1<String, Double> parse = s -> {
            double d = NumberParsing.toDouble(s, name);
            return Double.isNaN(d) ? null : d;
        };
        return functions.udf(parse, DataTypes.DoubleType).withName("parse_" + name.replaceAll("\\W", "_"));
    }

    /** Rows where every input column of the formula is present (text: not empty, ".", NA or NaN). */
    private Column completeRows(Formula f) {
        Column all = functions.lit(true);
        for (String v : f.variables()) {
            if (!List.of(schema.fieldNames()).contains(v)) {
                continue; // reported by the caller's column check
            }
            Column c = functions.col(quote(v));
            Column present = c.isNotNull();
            if (schema.apply(v).dataType() instanceof StringType) {
                present = present.and(functions.upper(functions.trim(c)).isin("", ".", "NA", "NAN").unary_$bang());
            } else if (schema.apply(v).dataType() instanceof NumericType) {
                present = present.and(functions.isnan(c.cast(DataTypes.DoubleType)).unary_$bang());
            }
            all = all.and(present);
        }
        return all;
    }

    static String quote(String name) {
        return "`" + name + "`";
    }
}
