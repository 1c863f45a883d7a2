package org.quex.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quex.SparkTestSession;
import org.quex.synth.GenerateSettings;
import org.quex.synth.SynthJob;
import org.quex.synth.TrueCoefficients;

/** One small generated delivery (2000–2013, every layout) and its truth, shared by the ingest tests. */
final class GeneratedRawFiles {
    /** Ten times the default defect rates, so that each small year holds malformed lines of every kind. */
    static final double DEFECT_SCALE = 10;
    private static Path dir;

    private GeneratedRawFiles() {
    }

    static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("quex-ingest-raw-");
                GenerateSettings s = new GenerateSettings(7, 160, 2000, 2013, 64, 3, TrueCoefficients.FE_QU, 0.08,
                        DEFECT_SCALE);
                SynthJob.run(SparkTestSession.get(), s, TrueCoefficients.load(TrueCoefficients.DEFAULT_FILE),
                        dir.toString(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** truth/defects.csv: rows planted per "source,year,defect". */
    static Map<String, Long> plantedDefects() {
        Map<String, Long> m = new HashMap<>();
        for (String[] r : csv("truth/defects.csv")) {
            m.put(r[0] + "," + r[1] + "," + r[2], Long.parseLong(r[3]));
        }
        return m;
    }

    /** truth/files.csv: data rows (lines after the header) per relative path. */
    static Map<String, Long> dataRows() {
        Map<String, Long> m = new HashMap<>();
        for (String[] r : csv("truth/files.csv")) {
            m.put(r[0], Long.parseLong(r[1]));
        }
        return m;
    }

    private static List<String[]> csv(String name) {
        try {
            List<String> lines = Files.readAllLines(dir().resolve(name), StandardCharsets.UTF_8);
            return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
