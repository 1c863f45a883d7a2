package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generator and ingest are independent consumers of the real-layout facts, so that neither
 * can hide the other's mistake: no main class of one names the other's package.
 */
class IndependenceTest {
    private static List<String> offenders(String dir, String forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(Path.of("src/main/java/org/quex", dir))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                if (Files.readString(p).contains(forbidden)) {
                    found.add(p.toString());
                }
            }
        }
        assertTrue(files > 5, "no sources found under " + dir);
        return found;
    }

    @Test
    void theGeneratorDoesNotUseIngestAndIngestDoesNotUseTheGenerator() throws IOException {
        assertEquals(List.of(), offenders("synth", "org.quex.ingest"));
        assertEquals(List.of(), offenders("ingest", "org.quex.synth"));
    }
}
