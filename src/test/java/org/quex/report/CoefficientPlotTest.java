package org.quex.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.report.CoefficientPlot.Point;
import org.quex.report.CoefficientPlot.Series;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CoefficientPlotTest {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    /** Two models, scale3 near 3.5 and age2 near −0.0008, one reference value. */
    private static final List<Series> SERIES = List.of(
            new Series("(3)", List.of(new Point("scale3", 3.5, 3.4, 3.6, 3.45),
                    new Point("age2", -0.0008, -0.0010, -0.0006, null))),
            new Series("(4-1)", List.of(new Point("scale3", 3.3, 3.1, 3.5, null),
                    new Point("age2", -0.0007, -0.0009, -0.0005, null))));

    @Test
    void pointIsTheEstimatePlusMinusZStandardErrors() {
        Point p = Point.of(Fits.term("qu", 0.5, 0.1, 0.001), CoefficientPlot.Z99, 0.4);
        assertEquals(0.5 - 0.25758293035489004, p.lower(), 1e-15);
        assertEquals(0.5 + 0.25758293035489004, p.upper(), 1e-15);
        assertEquals(0.4, p.reference());
        assertEquals("qu", p.term());
    }

    @Test
    void everyTermHasItsOwnPanelAndRange() {
        double[] scale3 = CoefficientPlot.range("scale3", SERIES);
        double[] age2 = CoefficientPlot.range("age2", SERIES);
        assertTrue(scale3[0] > 3.0 && scale3[0] < 3.1 && scale3[1] > 3.6 && scale3[1] < 3.7,
                "zero, far from the estimates, is left out: " + scale3[0]);
        assertTrue(age2[0] < -0.0010 && age2[0] > -0.0011, "lower end: " + age2[0]);
        assertTrue(age2[1] > 0 && age2[1] < 0.0001, "zero is near enough to be shown: " + age2[1]);
    }

    @Test
    void ticksAreRoundNumbersInsideTheRange() {
        assertEquals(List.of(-0.001, -0.0005, 0.0), CoefficientPlot.ticks(-0.0011, 0.00005));
        assertEquals(List.of(3.2, 3.4, 3.6), CoefficientPlot.ticks(3.08, 3.62).stream()
                .map(v -> Math.round(v * 10) / 10.0).toList());
        assertEquals(List.of(0.0, 2.0, 4.0), CoefficientPlot.ticks(-0.3, 4.9));
    }

    @Test
    void svgIsWellFormedWithAPanelPerTermTheLegendAndTheReferenceMarker() throws Exception {
        String svg = CoefficientPlot.svg("Table 3 & 4: coefficients <99 % CI>", "truth", SERIES);
        Document doc = RegressionTableWriterTest.parse(svg);
        Element root = doc.getDocumentElement();
        assertEquals(SVG_NS, root.getNamespaceURI());
        assertEquals("svg", root.getLocalName());
        List<String> texts = texts(doc);
        assertTrue(texts.containsAll(List.of("scale3", "age2", "(3)", "(4-1)", "truth",
                "Table 3 & 4: coefficients <99 % CI>")), texts.toString());
        // One dot per estimate and one per model in the legend.
        assertEquals(4 + 2, doc.getElementsByTagNameNS(SVG_NS, "circle").getLength());
        // The reference × is two red strokes, once in the panel and once in the legend.
        assertEquals(4, count(doc.getElementsByTagNameNS(SVG_NS, "line"), "stroke", "#d62728"));
        assertEquals(2, count(doc.getElementsByTagNameNS(SVG_NS, "rect"), "stroke", "#cccccc"), "two panels");
        assertFalse(svg.contains("href") || svg.contains("<script") || svg.contains("url("), "self-contained");
    }

    @Test
    void withoutReferenceValuesTheLegendHasNoReferenceEntry() throws Exception {
        List<Series> plain = List.of(new Series("(1)", List.of(new Point("qu", 1, 0.5, 1.5, null))));
        Document doc = RegressionTableWriterTest.parse(CoefficientPlot.svg("t", plain));
        assertFalse(texts(doc).contains("reference"));
        assertEquals(0, count(doc.getElementsByTagNameNS(SVG_NS, "line"), "stroke", "#d62728"));
    }

    @Test
    void seriesFromATableLeaveOutOmittedTermsAndCarryReferences() {
        RegressionTable t = Fits.probitTable().withReference(new ReferenceValues("paper", Map.of("1", Map.of("qu", 0.004))));
        List<Series> series = CoefficientPlot.series(t, CoefficientPlot.Z95);
        assertEquals(List.of("(1)", "(2-1)"), series.stream().map(Series::model).toList());
        assertEquals(List.of("qu", "ln_cap", "_cons"), series.get(1).points().stream().map(Point::term).toList());
        assertEquals(0.004, series.get(0).points().get(0).reference());
        assertEquals(null, series.get(1).points().get(0).reference());
    }

    @Test
    void pngIsWrittenReadableAndAsLargeAsTheSvg(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("plots/table3.png");
        CoefficientPlot.png("Table 3", "truth", SERIES, out);
        assertTrue(Files.size(out) > 0);
        BufferedImage image = ImageIO.read(out.toFile());
        assertNotNull(image, "ImageIO reads the file");
        Element svg = RegressionTableWriterTest.parse(CoefficientPlot.svg("Table 3", "truth", SERIES))
                .getDocumentElement();
        assertEquals(Integer.parseInt(svg.getAttribute("width")), image.getWidth());
        assertEquals(Integer.parseInt(svg.getAttribute("height")), image.getHeight());
        assertEquals(0xffffff, image.getRGB(1, 1) & 0xffffff, "white background");
        assertTrue(hasColour(image, 0xd62728), "the red reference marker is drawn");
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagNameNS(SVG_NS, "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private static int count(NodeList nodes, String attribute, String value) {
        int n = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            if (((Element) nodes.item(i)).getAttribute(attribute).equals(value)) {
                n++;
            }
        }
        return n;
    }
}
