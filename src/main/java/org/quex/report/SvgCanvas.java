package org.quex.report;

import java.util.Locale;

/** Draws into a standalone SVG document; generic font family only, so nothing is loaded from outside. */
final class SvgCanvas implements PlotCanvas {
    private final StringBuilder sb = new StringBuilder();

    SvgCanvas(int width, int height, String title) {
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n", width, height, width, height));
        sb.append("<title>").append(XmlText.escape(title)).append("</title>\n");
        rect(0, 0, width, height, null, "#ffffff");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                + " stroke-width=\"%.1f\"%s/>\n", x1, y1, x2, y2, color, width,
                dashed ? " stroke-dasharray=\"3,3\"" : ""));
    }

    @Override
    public void rect(double x, double y, double w, double h, String stroke, String fill) {
        sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                + " fill=\"%s\" stroke=\"%s\"/>\n", x, y, w, h, fill == null ? "none" : fill,
                stroke == null ? "none" : stroke));
    }

    @Override
    public void dot(double cx, double cy, double r, String fill) {
        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>\n",
                cx, cy, r, fill));
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, boolean bold, String color) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" fill=\"%s\"%s%s>",
                x, y, size, color, anchor == Anchor.START ? "" : " text-anchor=\""
                        + anchor.name().toLowerCase(Locale.ROOT) + "\"", bold ? " font-weight=\"bold\"" : ""))
                .append(XmlText.escape(text)).append("</text>\n");
    }

    String document() {
        return sb + "</svg>\n";
    }
}
