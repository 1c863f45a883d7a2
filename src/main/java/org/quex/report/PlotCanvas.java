package org.quex.report;

/**
 * The few drawing operations a coefficient plot needs, so one layout draws both the SVG and
 * the PNG. Coordinates in pixels from the top left; colours as "#rrggbb".
 */
interface PlotCanvas {
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed);

    void rect(double x, double y, double w, double h, String stroke, String fill);

    void dot(double cx, double cy, double r, String fill);

    /** Text whose baseline starts, is centred or ends at x. */
    void text(double x, double y, String text, double size, Anchor anchor, boolean bold, String color);
}
