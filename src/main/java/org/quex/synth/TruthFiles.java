package org.quex.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The truth tables the driver writes after the chunks: coefficients and parameters of the run,
 * planted-defect counts per source, year and kind, the intermediaries, and the files written.
 */
final class TruthFiles {
    private TruthFiles() {
    }

    static void write(FileSystem fs, Path root, GenerateSettings s, TrueCoefficients truth, ChunkReport report,
                      List<String[]> intermediaries, List<SynthJob.Written> written, RawLayouts layouts) throws IOException {
        StringBuilder b = new StringBuilder("equation,term,value,used_to_generate\n");
        truth.equations().forEach((eq, terms) -> terms.forEach((term, v) -> b.append(eq).append(',').append(term)
                .append(',').append(v).append(',').append(used(eq, s) ? "yes" : "no").append('\n')));
        put(fs, new Path(root, "truth/coefficients.csv"), b);

        StringBuilder p = new StringBuilder("name,value\n");
        p.append("seed,").append(s.seed()).append('\n');
        p.append("firms,").append(s.firms()).append('\n');
        p.append("first_year,").append(s.firstYear()).append('\n');
        p.append("last_year,").append(s.lastYear()).append('\n');
        p.append("firms_per_chunk,").append(s.firmsPerChunk()).append('\n');
        p.append("mean_transactions,").append(s.meanTransactions()).append('\n');
        p.append("scale_equation,").append(s.scaleEquation()).append('\n');
        p.append("typo_share,").append(s.typoShare()).append('\n');
        p.append("defect_scale,").append(s.defectScale()).append('\n');
        p.append("customs_only_share,").append(GenerateSettings.CUSTOMS_ONLY_SHARE).append('\n');
        p.append("intermediaries,").append(s.intermediaries()).append('\n');
        for (int year = s.firstYear(); year <= s.lastYear(); year++) {
            p.append("rmb_per_usd_").append(year).append(',').append(FirmSimulator.RMB_PER_USD.get(year)).append('\n');
        }
        for (Defect d : Defect.values()) {
            p.append("defect_rate_").append(d.source().name().toLowerCase()).append('_').append(d.label()).append(',')
                    .append(d.rate() * s.defectScale()).append('\n');
        }
        put(fs, new Path(root, "truth/parameters.csv"), p);

        StringBuilder d = new StringBuilder("source,year,defect,rows,must_remove\n");
        for (int year = s.firstYear(); year <= s.lastYear(); year++) {
            for (Defect defect : Defect.values()) {
                String source = defect.source().name().toLowerCase();
                if (layouts.fileFor(source, year) == null) {
                    continue;
                }
                long rows = report.defectRows().getOrDefault(ChunkReport.defectKey(source, year, defect.label()), 0L);
                d.append(source).append(',').append(year).append(',').append(defect.label()).append(',').append(rows)
                        .append(",yes\n");
            }
            if (layouts.fileFor("customs", year) != null) {
                long rows = report.defectRows().getOrDefault(
                        ChunkReport.defectKey("customs", year, ChunkWriter.GONGMAO_LABEL), 0L);
                d.append("customs,").append(year).append(',').append(ChunkWriter.GONGMAO_LABEL).append(',').append(rows)
                        .append(",no\n");
            }
        }
        put(fs, new Path(root, "truth/defects.csv"), d);

        StringBuilder i = new StringBuilder("customs_firm_code,firm_name\n");
        for (String[] row : intermediaries) {
            i.append(row[0]).append(',').append(row[1]).append('\n');
        }
        put(fs, new Path(root, "truth/intermediaries.csv"), i);

        StringBuilder f = new StringBuilder("path,data_rows,bytes\n");
        written.stream().sorted(java.util.Comparator.comparing(SynthJob.Written::path)).forEach(w ->
                f.append(w.path()).append(',').append(w.rows()).append(',').append(w.bytes()).append('\n'));
        put(fs, new Path(root, "truth/files.csv"), f);
    }

    /**
     * truth/deflators.csv: output, input and capital price indices per year and 2-digit industry
     * (2000 = 1), in the format a user supplies to the panel (panel.deflators.table). The data are
     * generated in current prices without them: they are there to exercise real values, not to be
     * recovered.
     */
    static void deflators(FileSystem fs, Path root, GenerateSettings s, ReferenceData ref) throws IOException {
        java.util.SortedSet<String> divisions = new java.util.TreeSet<>();
        ref.industries().forEach(i -> divisions.add(i.division()));
        StringBuilder b = new StringBuilder("year,industry2,output,input,capital\n");
        for (String division : divisions) {
            java.util.SplittableRandom r = Seeds.stream(s.seed(), Integer.parseInt(division), 0, Seeds.DEFLATORS);
            double output = 0.01 + 0.03 * r.nextDouble();
            double input = 0.02 + 0.03 * r.nextDouble();
            double capital = 0.01 + 0.02 * r.nextDouble();
            for (int year = s.firstYear(); year <= s.lastYear(); year++) {
                int t = year - 2000;
                b.append(String.format(java.util.Locale.ROOT, "%d,%s,%.4f,%.4f,%.4f%n", year, division,
                        Math.pow(1 + output, t), Math.pow(1 + input, t), Math.pow(1 + capital, t)));
            }
        }
        put(fs, new Path(root, "truth/deflators.csv"), b);
    }

    private static boolean used(String equation, GenerateSettings s) {
        return !(equation.equals(TrueCoefficients.FE_QU) || equation.equals(TrueCoefficients.FE_LEVELS))
                || equation.equals(s.scaleEquation());
    }

    private static void put(FileSystem fs, Path path, CharSequence text) throws IOException {
        try (OutputStream out = fs.create(path, true)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
