package org.quex.estimate;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A numeric expression of a formula: a column, a number, arithmetic (+ − * / ^), and the
 * functions log, exp, sqrt, abs and I(). Its {@link #label()} is the text R's {@code deparse}
 * gives, which is how fixest names the term (spaces around + − *, none around / and ^).
 */
public sealed interface Expr extends Serializable {
    /** The expression as R prints it. */
    String label();

    /** Its value on one row; NaN where a variable is missing or the value is undefined. */
    double eval(Map<String, Double> row);

    /** The columns it reads, in order of appearance. */
    default Set<String> variables() {
        Set<String> out = new LinkedHashSet<>();
        collect(this, out);
        return out;
    }

    private static void collect(Expr e, Set<String> out) {
        if (e instanceof Var v) {
            out.add(v.name());
        } else if (e instanceof Neg n) {
            collect(n.operand(), out);
        } else if (e instanceof Paren p) {
            collect(p.inner(), out);
        } else if (e instanceof Binary b) {
            collect(b.left(), out);
            collect(b.right(), out);
        } else if (e instanceof Call c) {
            collect(c.argument(), out);
        }
    }

    record Var(String name) implements Expr {
        @Override
        public String label() {
            return name;
        }

        @Override
        public double eval(Map<String, Double> row) {
            Double v = row.get(name);
            return v == null ? Double.NaN : v;
        }
    }

    record Num(double value) implements Expr {
        @Override
        public String label() {
            return number(value);
        }

        @Override
        public double eval(Map<String, Double> row) {
            return value;
        }
    }

    record Neg(Expr operand) implements Expr {
        @Override
        public String label() {
            return "-" + operand.label();
        }

        @Override
        public double eval(Map<String, Double> row) {
            return -operand.eval(row);
        }
    }

    record Paren(Expr inner) implements Expr {
        @Override
        public String label() {
            return "(" + inner.label() + ")";
        }

        @Override
        public double eval(Map<String, Double> row) {
            return inner.eval(row);
        }
    }

    /** op is one of + - * / ^. */
    record Binary(char op, Expr left, Expr right) implements Expr {
        @Override
        public String label() {
            return op == '/' || op == '^' ? left.label() + op + right.label()
                    : left.label() + " " + op + " " + right.label();
        }

        @Override
        public double eval(Map<String, Double> row) {
            double a = left.eval(row);
            double b = right.eval(row);
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> b == 0 ? Double.NaN : a / b;
                case '^' -> Math.pow(a, b);
                default -> throw new IllegalStateException("operator " + op);
            };
        }
    }

    /** log (natural), exp, sqrt, abs, or I (identity: arithmetic taken literally, as in R). */
    record Call(String function, Expr argument) implements Expr {
        static final Set<String> FUNCTIONS = Set.of("log", "exp", "sqrt", "abs", "I");

        @Override
        public String label() {
            return function + "(" + argument.label() + ")";
        }

        @Override
        public double eval(Map<String, Double> row) {
            double a = argument.eval(row);
            return switch (function) {
                case "log" -> a > 0 ? Math.log(a) : Double.NaN; // log(0) is missing, as Stata's ln()
                case "exp" -> Math.exp(a);
                case "sqrt" -> Math.sqrt(a);
                case "abs" -> Math.abs(a);
                case "I" -> a;
                default -> throw new IllegalStateException("function " + function);
            };
        }
    }

    /**
     * A number as R deparses it: fixed notation unless scientific is shorter (R's rule with
     * scipen = 0, 15 significant digits): 2, 0.5, 2000, 1e+05, 1e-04.
     */
    static String number(double v) {
        String fixed = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        String sci = rExponent(v);
        return sci.length() < fixed.length() ? sci : fixed;
    }

    private static String rExponent(double v) {
        String s = String.format(Locale.ROOT, "%.14e", v); // 1.00000000000000e+06
        String mantissa = s.substring(0, s.indexOf('e')).replaceAll("0+$", "").replaceAll("\\.$", "");
        String exponent = s.substring(s.indexOf('e') + 1);
        char sign = exponent.charAt(0);
        String digits = exponent.substring(1).replaceFirst("^0+(?=\\d\\d)", "");
        return mantissa + "e" + sign + digits;
    }
}
