package org.quex.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class FirmYearExportsTest {
    private static final double[] VALUES = {100.7, 2000.3, 30000.1, 0.3, 55.55};

    /**
     * A firm-year's export value is the same double in every order of its rows (the order a shuffle
     * delivers them in varies with the partitioning), where a running sum of these values gives
     * 32156.95 in some orders and 32156.949999999997 in others; Python's math.fsum of them prints
     * the latter (and 32000.399999999998 for the two processing rows).
     */
    @Test
    void theExportValueIsTheSameBitsInEveryOrderOfTheRows() {
        Set<Double> running = new HashSet<>();
        Set<Double> exact = new HashSet<>();
        Set<Double> processingShares = new HashSet<>();
        for (List<Double> order : permutations(new ArrayList<>(), new boolean[VALUES.length])) {
            FirmYearExports f = new FirmYearExports();
            double sum = 0;
            int row = 0;
            for (double v : order) {
                sum += v;
                UTF8String[] product = {UTF8String.fromString("8471" + (row % 2))};
                f.add(product, 1, v, 1.0, v > 1000, false, UTF8String.fromString("502"),
                        UTF8String.fromString("甲公司"), null, null);
                row++;
            }
            running.add(sum);
            exact.add(f.exportUsd());
            processingShares.add(f.processingShare());
        }
        assertEquals(Set.of(32156.95, 32156.949999999997), running); // the data do tell orders apart
        assertEquals(Set.of(32156.949999999997), exact);
        assertEquals(Set.of(32000.399999999998 / 32156.949999999997), processingShares);
    }

    private static List<List<Double>> permutations(List<Double> prefix, boolean[] used) {
        if (prefix.size() == VALUES.length) {
            return List.of(new ArrayList<>(prefix));
        }
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < VALUES.length; i++) {
            if (!used[i]) {
                used[i] = true;
                prefix.add(VALUES[i]);
                out.addAll(permutations(prefix, used));
                prefix.remove(prefix.size() - 1);
                used[i] = false;
            }
        }
        return out;
    }
}
