package org.quex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quex.pipeline.RunJob;

/** The lines of bench run (the run itself is a command, outside the test suite). */
class RunBenchmarkTest {
    @Test
    void oneLinePerStageInPipelineOrderWithItsBaselineAndATotal() {
        List<RunJob.Step> steps = List.of(
                new RunJob.Step("ingest", 2011, 10, 1.0, "asif: read 11, quarantined 1"),
                new RunJob.Step("ingest", 2011, 20, 2.0, "customs: read 20, quarantined 0"),
                new RunJob.Step("clean", 2011, 25, 0.5, ""),
                new RunJob.Step("ingest", 2012, 12, 1.5, "asif: read 12, quarantined 0"),
                new RunJob.Step("estimate", null, 9, 0.25, "table2 (2-1) probit"),
                new RunJob.Step("estimate", null, 9, 0.25, "table2 (2-2) probit"));
        Map<String, Double> cleanBaselines = new LinkedHashMap<>();
        cleanBaselines.put("aggregate", 0.2);
        cleanBaselines.put("rewrite", 0.4);
        assertEquals(List.of(
                "bench run firms=100 year=2011-2012 stage=ingest_asif steps=2 rows=22 seconds=2.500",
                "bench run firms=100 year=2011-2012 stage=ingest_customs steps=1 rows=20 seconds=2.000"
                        + " copy_seconds=1.600 copy_ratio=1.25",
                "bench run firms=100 year=2011-2012 stage=clean steps=1 rows=25 seconds=0.500"
                        + " aggregate_seconds=0.200 aggregate_ratio=2.50 rewrite_seconds=0.400 rewrite_ratio=1.25",
                "bench run firms=100 year=2011-2012 stage=estimate steps=2 rows=18 seconds=0.500",
                "bench run firms=100 year=2011-2012 stage=total seconds=5.500 generate_seconds=3.000"),
                RunBenchmark.lines(100, List.of(2011, 2012), 3.0, steps,
                        Map.of("ingest_customs", Map.of("copy", 1.6), "clean", cleanBaselines)));
    }
}
