package org.waymark.screening.report;

/** Escapes text for HTML and SVG (both XML-safe), and formats coordinates without locale surprises. */
final class Markup {
    private Markup() {
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String num(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
