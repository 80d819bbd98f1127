package org.waymark.screening.report;

import com.google.common.html.HtmlEscapers;

/** Escapes text for HTML and SVG (both XML-safe), and formats coordinates without locale surprises. */
final class Markup {
    private Markup() {
    }

    static String escape(String s) {
        return HtmlEscapers.htmlEscaper().escape(s);
    }

    static String num(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
