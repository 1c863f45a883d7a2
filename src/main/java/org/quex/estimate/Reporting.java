package org.quex.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * From the centred coordinates the passes work in to the coefficients users read. The passes
 * fit y − c_y = (X − c)·b + a′; the reported constant is a = a′ + ȳ − m′b, with m the means that
 * go with the reported constant (the regressors' means; for xtreg-style FE the raw, not demeaned,
 * means). This is an affine map θ = M·θ′ + const, so V = M·V′·Mᵀ.
 */
final class Reporting {
    private Reporting() {
    }

    /** θ in reported coordinates (constant last when present). */
    static double[] coefficients(double[] thetaCentred, double[] m, double yMean, boolean constant) {
        double[] theta = thetaCentred.clone();
        if (constant) {
            int c = theta.length - 1;
            double a = thetaCentred[c] + yMean;
            for (int j = 0; j < m.length; j++) {
                a -= m[j] * thetaCentred[j];
            }
            theta[c] = a;
        }
        return theta;
    }

    static double[] covariance(double[] vCentred, double[] m, boolean constant) {
        int q = m.length + (constant ? 1 : 0);
        if (!constant) {
            return vCentred.clone();
        }
        double[] mm = new double[q * q];
        for (int j = 0; j < q; j++) {
            mm[j + j * q] = 1.0;
        }
        for (int j = 0; j < m.length; j++) {
            mm[(q - 1) + j * q] = -m[j];
        }
        return SymmetricMatrix.sandwich(mm, vCentred, q);
    }

    /**
     * The coefficient table: stored columns that are not absorbed dummies, then _cons. Statistics
     * are z with {@code df <= 0}, otherwise t with df degrees of freedom.
     */
    static List<FitResult.Term> terms(List<String> columns, int absorbedColumns, boolean constant,
                                      double[] theta, double[] v, boolean[] omitted, String[] omittedReason,
                                      double df) {
        int q = theta.length;
        List<FitResult.Term> terms = new ArrayList<>();
        for (int j = absorbedColumns; j < q; j++) {
            String name = j < columns.size() ? columns.get(j) : "_cons";
            if (omitted[j]) {
                terms.add(FitResult.Term.omitted(name, omittedReason[j]));
                continue;
            }
            double se = Math.sqrt(v[j + j * q]);
            double stat = theta[j] / se;
            double p = df > 0 ? NormalDistribution.twoSidedPStudent(stat, df) : NormalDistribution.twoSidedP(stat);
            terms.add(new FitResult.Term(name, theta[j], se, stat, p, false, null));
        }
        return terms;
    }

    /**
     * The rows and columns of a q×q variance matrix that the coefficient table shows (the stored
     * columns after the absorbed dummies, then _cons), in table order.
     */
    static double[] tableCovariance(double[] v, int q, int absorbedColumns) {
        int t = q - absorbedColumns;
        double[] out = new double[t * t];
        for (int a = 0; a < t; a++) {
            for (int b = 0; b < t; b++) {
                out[a + b * t] = v[(a + absorbedColumns) + (b + absorbedColumns) * q];
            }
        }
        return out;
    }

}
