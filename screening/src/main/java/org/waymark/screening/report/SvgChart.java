package org.waymark.screening.report;

import static org.waymark.screening.report.Markup.escape;
import static org.waymark.screening.report.Markup.num;

import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.waymark.screening.measures.Figure;

/**
 * Inline SVG charts drawn from published figures (so a chart never shows more than its table): bars per group, or
 * lines over months (for a monthly series), each with an optional dashed standard line. A suppressed figure is drawn
 * as "*" at the axis, never as a bar. Each chart names itself for assistive technology (role img, title, desc).
 */
public final class SvgChart {
    /** One bar: its label and the published figure. */
    public record Bar(String label, Figure value) {
        public Bar {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /** One month's published figure. */
    public record Point(YearMonth month, Figure value) {
        public Point {
            Objects.requireNonNull(month, "month");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A named monthly series, e.g. one PCN's KPI month by month. */
    public record Series(String name, List<Point> points) {
        public Series {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
        }
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    /** The space around the plot: axis labels on the left, category labels below. */
    private record Margins(int top, int right, int bottom, int left) {
    }

    private static final Margins MARGIN = new Margins(20, 16, 80, 56);
    private static final int TICKS = 5;

    private SvgChart() {
    }

    public static String bars(String id, String title, String unit, List<Bar> bars, OptionalDouble standard) {
        Frame f = new Frame(id, title, unit, bars.stream().map(Bar::value), standard);
        double slot = (WIDTH - MARGIN.left() - MARGIN.right()) / (double) Math.max(1, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double x = MARGIN.left() + i * slot;
            double centre = x + slot / 2;
            if (b.value().value().isPresent()) {
                double y = f.y(b.value().value().getAsDouble());
                f.svg.append(String.format("<rect class=\"bar\" data-label=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"><title>%s: %s%s</title></rect>%n",
                        escape(b.label()), num(x + slot * 0.15), num(y), num(slot * 0.7), num(f.baseline() - y), escape(b.label()),
                        escape(b.value().text()), escape(unit)));
            } else {
                f.svg.append(String.format("<text class=\"withheld\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>%n",
                        num(centre), num(f.baseline() - 4), escape(b.value().text().isEmpty() ? "–" : b.value().text())));
            }
            f.xLabel(centre, b.label());
        }
        return f.close();
    }

    /** Lines over the months any series has, one per series; a withheld month breaks no line, it is left out. */
    public static String monthly(String id, String title, String unit, List<Series> series, OptionalDouble standard) {
        Frame f = new Frame(id, title, unit, series.stream().flatMap(s -> s.points().stream().map(Point::value)), standard);
        List<YearMonth> months = List.copyOf(new TreeSet<>(series.stream().flatMap(s -> s.points().stream().map(Point::month)).toList()));
        double step = (WIDTH - MARGIN.left() - MARGIN.right()) / (double) Math.max(1, months.size());
        for (int i = 0; i < months.size(); i++) {
            f.xLabel(MARGIN.left() + step * (i + 0.5), months.get(i).toString());
        }
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (Point p : series.get(s).points()) {
                if (p.value().value().isPresent()) {
                    String at = num(MARGIN.left() + step * (months.indexOf(p.month()) + 0.5)) + "," + num(f.y(p.value().value().getAsDouble()));
                    points.append(points.length() == 0 ? "" : " ").append(at);
                    String[] xy = at.split(",");
                    dots.append(String.format("<circle class=\"point\" cx=\"%s\" cy=\"%s\" r=\"3\"><title>%s %s: %s%s</title></circle>%n",
                            xy[0], xy[1], escape(series.get(s).name()), p.month(), escape(p.value().text()), escape(unit)));
                }
            }
            f.svg.append(String.format("<polyline class=\"series series-%d\" data-series=\"%s\" fill=\"none\" points=\"%s\"/>%n%s",
                    s % 6, escape(series.get(s).name()), points, dots));
        }
        return f.close();
    }

    /** The chart's frame: the svg element, its accessible name, the y axis with ticks, and the standard line. */
    private static final class Frame {
        final StringBuilder svg = new StringBuilder();
        final double max;

        Frame(String id, String title, String unit, Stream<Figure> values, OptionalDouble standard) {
            double top = Math.max(values.filter(v -> v.value().isPresent()).mapToDouble(v -> v.value().getAsDouble()).max().orElse(0),
                    standard.orElse(0));
            max = nice(top);
            svg.append(String.format("<svg class=\"chart\" id=\"%s\" role=\"img\" aria-labelledby=\"%s-title %s-desc\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">%n",
                    escape(id), escape(id), escape(id), WIDTH, HEIGHT, WIDTH, HEIGHT));
            svg.append(String.format("<title id=\"%s-title\">%s</title>%n<desc id=\"%s-desc\">%s; the table below gives the same figures.%s</desc>%n",
                    escape(id), escape(title), escape(id), escape(unit.isBlank() ? "values" : "in " + unit.strip()),
                    standard.isPresent() ? " Dashed line: the standard, " + num(standard.getAsDouble()) + escape(unit) + "." : ""));
            for (int t = 0; t <= TICKS; t++) {
                double v = max * t / TICKS;
                svg.append(String.format("<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\"/><text class=\"tick\" x=\"%d\" y=\"%s\" text-anchor=\"end\">%s</text>%n",
                        MARGIN.left(), WIDTH - MARGIN.right(), num(y(v)), num(y(v)), MARGIN.left() - 6, num(y(v) + 4), escape(tick(v))));
            }
            standard.ifPresent(s -> svg.append(String.format(
                    "<line class=\"standard\" x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\" stroke-dasharray=\"6 4\"><title>standard: %s%s</title></line>%n"
                            + "<text class=\"standard-label\" x=\"%d\" y=\"%s\" text-anchor=\"end\">standard %s%s</text>%n",
                    MARGIN.left(), WIDTH - MARGIN.right(), num(y(s)), num(y(s)), num(s), escape(unit), WIDTH - MARGIN.right(), num(y(s) - 4), tick(s), escape(unit))));
        }

        double baseline() {
            return HEIGHT - MARGIN.bottom();
        }

        double y(double v) {
            return baseline() - (baseline() - MARGIN.top()) * v / max;
        }

        void xLabel(double x, String label) {
            svg.append(String.format("<text class=\"x-label\" x=\"%s\" y=\"%s\" text-anchor=\"end\" transform=\"rotate(-35 %s %s)\">%s</text>%n",
                    num(x), num(baseline() + 14), num(x), num(baseline() + 14), escape(label)));
        }

        String close() {
            return svg.append("</svg>\n").toString();
        }

        /** The axis top: the largest value rounded up to 1, 2 or 5 times a power of ten (at least 1). */
        static double nice(double top) {
            if (top <= 0) {
                return 1;
            }
            double power = Math.pow(10, Math.floor(Math.log10(top)));
            for (double m : new double[] {1, 2, 5, 10}) {
                if (m * power >= top) {
                    return m * power;
                }
            }
            return 10 * power;
        }

        static String tick(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : num(v);
        }
    }
}
