package org.quex.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.quex.SparkTestSession;

/** One small generated data set shared by the synth tests (generating it costs a few seconds). */
final class GeneratedData {
    static final int FIRMS = 250;
    static final long SEED = 20240601L;
    static final double MEAN_TRANSACTIONS = 6;
    /**
     * Six times the default rates, so that a small sample holds every kind of defect: broken lines
     * exist only in the years delivered as text (ASIF 2011-2013, Customs 2012-2013).
     */
    static final double DEFECT_SCALE = 6;
    private static Path dir;

    private GeneratedData() {
    }

    static GenerateSettings settings(long seed, int firmsPerChunk) {
        return new GenerateSettings(seed, FIRMS, 2000, 2013, firmsPerChunk, MEAN_TRANSACTIONS,
                TrueCoefficients.FE_QU, 0.08, DEFECT_SCALE);
    }

    static TrueCoefficients coefficients() {
        return TrueCoefficients.load(TrueCoefficients.DEFAULT_FILE);
    }

    /** 250 firms, 2000–2013, in chunks of 64 firms. */
    static synchronized Path dir() {
        if (dir == null) {
            dir = generate(settings(SEED, 64));
        }
        return dir;
    }

    static Path generate(GenerateSettings s) {
        try {
            Path out = Files.createTempDirectory("quex-synth-");
            SynthJob.run(SparkTestSession.get(), s, coefficients(), out.toString(), false);
            out.toFile().deleteOnExit();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
