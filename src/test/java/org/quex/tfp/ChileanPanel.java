package org.quex.tfp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.quex.SparkTestSession;

/** prodest's Chilean example panel (src/test/resources/oracles/prodest) as firm-years. */
final class ChileanPanel {
    static final String PATH = "oracles/prodest/chilean.csv";

    private ChileanPanel() {
    }

    static Path file() {
        return Path.of(SparkTestSession.resource(PATH));
    }

    /** Rows sorted by (firm, year); proxy = materials (LP, ACF, WRDG) or investment (OP). */
    static List<FirmYear> rows(boolean investment) throws IOException {
        List<FirmYear> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new FirmYear(f[0], Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    new double[] {Double.parseDouble(f[4]), Double.parseDouble(f[5])},
                    new double[] {Double.parseDouble(f[3])},
                    Double.parseDouble(investment ? f[7] : f[6])));
        }
        rows.sort(Comparator.comparing(FirmYear::firm).thenComparingInt(FirmYear::year));
        return rows;
    }

    /** Both stages of {@code e} accumulated on the sorted rows here (no optimizer); the fit is second.fit. */
    static TfpEstimator.SecondStage stages(TfpEstimator e, List<FirmYear> rows) {
        TfpEstimator.FirstStage first = e.newFirstStage();
        rows.forEach(first::add);
        TfpEstimator.SecondStage second = e.newSecondStage(e.solve(first));
        FirmYear previous = null;
        for (FirmYear r : rows) {
            second.add(r, previous);
            previous = r;
        }
        return second;
    }

    static TfpSpec spec(Method method) {
        return TfpSpec.of(method, List.of("fX1", "fX2"), List.of("sX"), method == Method.OP ? "inv" : "pX");
    }
}
