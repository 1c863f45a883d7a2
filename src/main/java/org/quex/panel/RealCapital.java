package org.quex.panel;

import java.util.function.IntToDoubleFunction;

/**
 * A firm's real capital stock by perpetual inventory, as Brandt, Van Biesebroeck & Zhang (2012) build
 * it. The book value of fixed assets at original cost (固定资产原价, lake column fixed_assets) sums a
 * firm's nominal investment since it was founded. At the firm's first observation, that investment is
 * spread back to the founding year assuming it grew at the industry's rate g (I_s = I_f (1+g)^(s−f)),
 * each year's investment is deflated by that year's capital price index and depreciated at δ to the
 * first year: K₀ = Σ_s (1−δ)^(t₀−s) I_s / P_s. After that K_t = (1−δ)^(t−t') K_t' + (B_t − B_t') / P_t,
 * t' the firm's previous year with a book value (a gap year depreciates too; disposals make the
 * investment negative; the stock never goes below zero). Pure: one firm's years in, stocks out.
 */
public final class RealCapital {
    /** Years of investment spread back at most (a founding year decades earlier adds nothing but noise). */
    static final int MAX_BACKCAST_YEARS = 50;

    private RealCapital() {
    }

    /**
     * @param years        the firm's years, ascending
     * @param bookValue    fixed assets at original cost per year (null: missing)
     * @param foundingYear founding year (null, or after the first year: the first year)
     * @param growth       the industry's yearly growth of nominal investment
     * @param depreciation δ
     * @param capitalPrice the capital price index of a year
     * @return the real stock per year (null before the first book value)
     */
    public static Double[] stocks(int[] years, Long[] bookValue, Integer foundingYear, double growth, double depreciation,
                                  IntToDoubleFunction capitalPrice) {
        Double[] k = new Double[years.length];
        Double stock = null;
        long previousBook = 0;
        int previousYear = 0;
        for (int i = 0; i < years.length; i++) {
            int t = years[i];
            if (stock != null) {
                stock *= Math.pow(1 - depreciation, t - previousYear);
                previousYear = t;
            }
            if (bookValue[i] == null) {
                k[i] = stock;
                continue;
            }
            if (stock == null) {
                stock = initial(t, bookValue[i], foundingYear, growth, depreciation, capitalPrice);
            } else {
                stock = Math.max(0, stock + (bookValue[i] - previousBook) / capitalPrice.applyAsDouble(t));
            }
            previousBook = bookValue[i];
            previousYear = t;
            k[i] = stock;
        }
        return k;
    }

    /** K₀ of a firm first seen in {@code t0} with book value {@code book} (see the class comment). */
    static double initial(int t0, long book, Integer foundingYear, double growth, double depreciation,
                          IntToDoubleFunction capitalPrice) {
        int f = foundingYear == null || foundingYear > t0 ? t0 : Math.max(foundingYear, t0 - MAX_BACKCAST_YEARS);
        double weights = 0;
        for (int s = f; s <= t0; s++) {
            weights += Math.pow(1 + growth, s - f);
        }
        double first = book / weights;
        double k = 0;
        for (int s = f; s <= t0; s++) {
            k += Math.pow(1 - depreciation, t0 - s) * first * Math.pow(1 + growth, s - f) / capitalPrice.applyAsDouble(s);
        }
        return k;
    }
}
