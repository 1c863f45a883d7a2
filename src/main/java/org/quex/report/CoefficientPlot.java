package org.quex.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.quex.estimate.FitResult;

/**
 * A dot-and-whisker plot of coefficients as small multiples: one panel per term, each with its
 * own x range, because the paper's coefficients differ in scale by three orders of
 * magnitude (scale3 ≈ 3.5, age2 ≈ −0.0008). In a panel every model is a row: its estimate, its
 * confidence interval and, when there is one, the reference value as a red ×.
 */
public final class CoefficientPlot {
    /** Two-sided normal quantiles for 95 % and 99 % intervals. */
    public static final double Z95 = 1.959963984540054;
    public static final double Z99 = 2.5758293035489004;

    private static final String[] COLORS = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#8c564b",
        "#7f7f7f", "#000000"};
    private static final String REFERENCE_COLOR = "#d62728";
    private static final String AXIS_COLOR = "#888888";
    private static final int MARGIN = 16;
    private static final int TITLE_HEIGHT = 30;
    private static final int LEGEND_LINE = 20;
    private static final int MAX_COLUMNS = 3;
    private static final int PANEL_WIDTH = 250;
    private static final int PANEL_GAP = 14;
    private static final int PANEL_TOP = 22;
    private static final int MODEL_ROW = 16;
    private static final int AXIS_HEIGHT = 30;
    private static final int PANEL_PADDING = 14;

    /** An estimate and its interval [lower, upper]; reference (truth or the paper's value) may be null. */
    public record Point(String term, double estimate, double lower, double upper, Double reference) {
        /** The interval estimate ± z·se, e.g. z = {@link #Z99} for 99 %. */
        public static Point of(FitResult.Term t, double z, Double reference) {
            return new Point(t.name(), t.estimate(), t.estimate() - z * t.stdError(),
                    t.estimate() + z * t.stdError(), reference);
        }
    }

    /** One model's points; {@code model} is its legend label. */
    public record Series(String model, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private CoefficientPlot() {
    }

    /** A table's models as series (omitted terms left out), with the table's reference values. */
    public static List<Series> series(RegressionTable t, double z) {
        List<Series> series = new ArrayList<>();
        for (ModelColumn m : t.models()) {
            List<Point> points = t.terms().stream().flatMap(name -> m.term(name).stream())
                    .filter(x -> !x.omitted())
                    .map(x -> Point.of(x, z, t.reference(m.id(), x.name())))
                    .toList();
            series.add(new Series(m.label(), points));
        }
        return series;
    }

    public static String svg(String title, List<Series> series) {
        return svg(title, "reference", series);
    }

    /** A standalone SVG document; {@code referenceLabel} names the × in the legend ("truth", "paper"). */
    public static String svg(String title, String referenceLabel, List<Series> series) {
        Layout layout = Layout.of(title, referenceLabel, series);
        SvgCanvas canvas = new SvgCanvas(layout.width(), layout.height(), title);
        draw(canvas, layout);
        return canvas.document();
    }

    public static void png(String title, List<Series> series, Path out) throws IOException {
        png(title, "reference", series, out);
    }

    /** The same figure as {@link #svg} as a PNG file, drawn headless. */
    public static void png(String title, String referenceLabel, List<Series> series, Path out) throws IOException {
        // Before any AWT class loads; a batch job on a cluster node has no display.
        System.setProperty("java.awt.headless", "true");
        Layout layout = Layout.of(title, referenceLabel, series);
        RasterCanvas canvas = new RasterCanvas(layout.width(), layout.height());
        draw(canvas, layout);
        BufferedImage image = canvas.finish();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        if (!ImageIO.write(image, "png", out.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    /** Where everything goes: panels in a grid of at most three columns, below the title and legend. */
    private record Layout(String title, List<Series> series, List<String> terms, List<List<LegendEntry>> legend,
                          int columns, int width, int height) {

        static Layout of(String title, String referenceLabel, List<Series> series) {
            Objects.requireNonNull(title, "title");
            Set<String> names = new LinkedHashSet<>();
            series.forEach(s -> s.points().forEach(p -> names.add(p.term())));
            List<String> terms = List.copyOf(names);
            int columns = Math.max(1, Math.min(MAX_COLUMNS, terms.size()));
            int width = 2 * MARGIN + columns * PANEL_WIDTH + (columns - 1) * PANEL_GAP;
            List<List<LegendEntry>> legend = legendLines(referenceLabel, series, width - 2 * MARGIN);
            int rows = (terms.size() + columns - 1) / columns;
            int height = MARGIN + TITLE_HEIGHT + legend.size() * LEGEND_LINE + rows * (panelHeight(series) + PANEL_GAP)
                    + MARGIN;
            return new Layout(title, List.copyOf(series), terms, legend, columns, width, height);
        }

        int panelTop() {
            return MARGIN + TITLE_HEIGHT + legend.size() * LEGEND_LINE;
        }
    }

    private record LegendEntry(String label, String color, boolean reference) {
        /** A rough width for 11 px sans-serif; only used to wrap the legend. */
        int width() {
            return 18 + 7 * label.length() + 14;
        }
    }

    private static int panelHeight(List<Series> series) {
        return PANEL_TOP + Math.max(1, series.size()) * MODEL_ROW + AXIS_HEIGHT;
    }

    private static List<List<LegendEntry>> legendLines(String referenceLabel, List<Series> series, int width) {
        List<LegendEntry> entries = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            entries.add(new LegendEntry(series.get(i).model(), color(i), false));
        }
        if (series.stream().flatMap(s -> s.points().stream()).anyMatch(p -> p.reference() != null)) {
            entries.add(new LegendEntry(referenceLabel, REFERENCE_COLOR, true));
        }
        List<List<LegendEntry>> lines = new ArrayList<>();
        List<LegendEntry> line = new ArrayList<>();
        int used = 0;
        for (LegendEntry e : entries) {
            if (!line.isEmpty() && used + e.width() > width) {
                lines.add(line);
                line = new ArrayList<>();
                used = 0;
            }
            line.add(e);
            used += e.width();
        }
        if (!line.isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    private static String color(int i) {
        return COLORS[i % COLORS.length];
    }

    private static void draw(PlotCanvas c, Layout layout) {
        c.text(MARGIN, MARGIN + 16, layout.title(), 15, PlotCanvas.Anchor.START, true, "#222222");
        double y = MARGIN + TITLE_HEIGHT;
        for (List<LegendEntry> line : layout.legend()) {
            double x = MARGIN;
            for (LegendEntry e : line) {
                if (e.reference()) {
                    cross(c, x + 5, y + 6);
                } else {
                    c.dot(x + 5, y + 6, 4, e.color());
                }
                c.text(x + 14, y + 10, e.label(), 11, PlotCanvas.Anchor.START, false, "#222222");
                x += e.width();
            }
            y += LEGEND_LINE;
        }
        int panelHeight = panelHeight(layout.series());
        for (int k = 0; k < layout.terms().size(); k++) {
            double px = MARGIN + (k % layout.columns()) * (PANEL_WIDTH + PANEL_GAP);
            double py = layout.panelTop() + (k / layout.columns()) * (panelHeight + PANEL_GAP);
            panel(c, layout.terms().get(k), layout.series(), px, py, panelHeight);
        }
    }

    private static void panel(PlotCanvas c, String term, List<Series> series, double px, double py, int height) {
        c.rect(px, py, PANEL_WIDTH, height, "#cccccc", "#fafafa");
        c.text(px + PANEL_PADDING, py + 15, term, 12, PlotCanvas.Anchor.START, true, "#222222");
        double[] range = range(term, series);
        if (range == null) {
            return;
        }
        double left = px + PANEL_PADDING;
        double right = px + PANEL_WIDTH - PANEL_PADDING;
        XScale x = new XScale(range[0], range[1], left, right);
        double rowsTop = py + PANEL_TOP;
        double axisY = rowsTop + Math.max(1, series.size()) * MODEL_ROW + 4;
        if (range[0] < 0 && range[1] > 0) {
            c.line(x.at(0), rowsTop, x.at(0), axisY, AXIS_COLOR, 1, true);
        }
        for (int i = 0; i < series.size(); i++) {
            double rowY = rowsTop + (i + 0.5) * MODEL_ROW;
            for (Point p : series.get(i).points()) {
                if (!p.term().equals(term)) {
                    continue;
                }
                if (Double.isFinite(p.lower()) && Double.isFinite(p.upper())) {
                    c.line(x.at(p.lower()), rowY, x.at(p.upper()), rowY, color(i), 1.8, false);
                }
                if (Double.isFinite(p.estimate())) {
                    c.dot(x.at(p.estimate()), rowY, 3.5, color(i));
                }
                if (p.reference() != null && Double.isFinite(p.reference())) {
                    cross(c, x.at(p.reference()), rowY);
                }
            }
        }
        c.line(left, axisY, right, axisY, AXIS_COLOR, 1, false);
        for (double t : ticks(range[0], range[1])) {
            c.line(x.at(t), axisY, x.at(t), axisY + 4, AXIS_COLOR, 1, false);
            c.text(x.at(t), axisY + 15, tick(t), 10, PlotCanvas.Anchor.MIDDLE, false, "#444444");
        }
    }

    private static void cross(PlotCanvas c, double x, double y) {
        double r = 4;
        c.line(x - r, y - r, x + r, y + r, REFERENCE_COLOR, 1.8, false);
        c.line(x - r, y + r, x + r, y - r, REFERENCE_COLOR, 1.8, false);
    }

    /**
     * The panel's x range: all estimates, interval ends and references, padded by 6 %. Zero is
     * included when it is no farther from the data than the data's own span, so the zero line
     * shows significance without squeezing a coefficient far from zero into a corner.
     */
    static double[] range(String term, List<Series> series) {
        double[] values = series.stream().flatMap(s -> s.points().stream()).filter(p -> p.term().equals(term))
                .flatMap(p -> Stream.of(p.estimate(), p.lower(), p.upper(), p.reference()))
                .filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).toArray();
        if (values.length == 0) {
            return null;
        }
        double lo = Arrays.stream(values).min().getAsDouble();
        double hi = Arrays.stream(values).max().getAsDouble();
        double span = hi - lo;
        if (lo > 0 && lo <= span) {
            lo = 0;
        } else if (hi < 0 && -hi <= span) {
            hi = 0;
        }
        span = hi - lo;
        double pad = span > 0 ? span * 0.06 : Math.max(Math.abs(lo) * 0.1, 1e-12);
        return new double[] {lo - pad, hi + pad};
    }

    private record XScale(double lo, double hi, double left, double right) {
        double at(double v) {
            return left + (v - lo) / (hi - lo) * (right - left);
        }
    }

    /** Round tick values (1, 2 or 5 × 10^k apart), two to five of them across the range. */
    static List<Double> ticks(double lo, double hi) {
        double raw = (hi - lo) / 3;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
        List<Double> ticks = new ArrayList<>();
        double first = Math.ceil(lo / step);
        for (int k = 0; (first + k) * step <= hi; k++) {
            double v = (first + k) * step;
            // k·step in binary floating point lands next to zero, not on it.
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks;
    }

    /** Three significant digits, without exponent or trailing zeros: 0.0008, 3.5, -120. */
    private static String tick(double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
