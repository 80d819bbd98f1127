package org.waymark.engine.ruleset;

import java.util.Objects;

/**
 * Something wrong in a rule-set folder: the file (relative to the rules directory), the 1-based line
 * (0 when the problem is not tied to a line) and what was wrong. Invisible characters quoted from a file
 * (a byte-order mark, a zero-width space, a control character) are shown as {@code <U+FEFF>}, so the
 * message says what is there.
 */
public record Problem(String file, int line, String message) {
    public Problem {
        Objects.requireNonNull(file, "file");
        message = visible(Objects.requireNonNull(message, "message"));
    }

    static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean invisible = (type == Character.FORMAT || type == Character.CONTROL) && c != '\n' && c != '\t';
            if (invisible) {
                out.append(String.format("<U+%04X>", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
