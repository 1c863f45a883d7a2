package org.quex.estimate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quex.SparkTestSession;

/** A reference result from src/test/resources/oracles: term → (estimate, std_error), and key=value fit lines. */
record OracleReference(Map<String, double[]> terms, Map<String, Double> fit) {

    static OracleReference load(String csv, String fitFile) throws IOException {
        Map<String, double[]> terms = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(Path.of(SparkTestSession.resource("oracles/" + csv)));
        for (String line : lines.subList(1, lines.size())) {
            // fields may be quoted and hold commas (poly(x, 2)1)
            String[] f = java.util.Arrays.stream(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"))
                    .map(s -> s.replace("\"", "")).toArray(String[]::new);
            terms.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        Map<String, Double> fit = new LinkedHashMap<>();
        if (fitFile != null) {
            for (String line : Files.readAllLines(Path.of(SparkTestSession.resource("oracles/" + fitFile)))) {
                if (line.contains("=")) {
                    String[] kv = line.split("=", 2);
                    fit.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
                }
            }
        }
        return new OracleReference(terms, fit);
    }
}
