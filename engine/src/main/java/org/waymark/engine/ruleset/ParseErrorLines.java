package org.waymark.engine.ruleset;

import java.util.regex.Pattern;

/**
 * Where the author made a DRL syntax error. The Drools parser reports the token at which it noticed, so a
 * missing {@code )} at the end of a line is reported at the first token of the next line; the mistake is at the
 * end of the last line written before that token.
 */
final class ParseErrorLines {
    private static final Pattern PARSER_ERROR = Pattern.compile("^\\[ERR 1\\d\\d]");
    private static final Pattern POSITION = Pattern.compile("Line (\\d+):(\\d+) ");

    private ParseErrorLines() {
    }

    static boolean isParserError(String message) {
        return PARSER_ERROR.matcher(message).find();
    }

    /**
     * The line to report for a parser error reported at {@code line} of {@code text}; the column is taken from the
     * message's own "Line 24:4" (the builder's message does not carry it).
     */
    static int authored(String text, int line, String message) {
        java.util.regex.Matcher position = POSITION.matcher(message);
        int column = position.find() && Integer.parseInt(position.group(1)) == line ? Integer.parseInt(position.group(2)) : 0;
        String[] lines = text.split("\n", -1);
        if (line < 2 || line > lines.length) {
            return line;
        }
        String reported = lines[line - 1];
        if (!reported.substring(0, Math.max(0, Math.min(column, reported.length()))).isBlank()) {
            return line;
        }
        for (int i = line - 2; i >= 0; i--) {
            String before = lines[i].strip();
            if (!before.isEmpty() && !before.startsWith("//") && !before.startsWith("#")) {
                return i + 1;
            }
        }
        return line;
    }

    /** The parser's message without its own "Line 24:4" (which counts from the noticed token), saying where it noticed when that differs. */
    static String message(String text, int reportedLine, int authoredLine) {
        String m = POSITION.matcher(text.strip()).replaceFirst("");
        return authoredLine == reportedLine ? m : m + " (noticed at the start of line " + reportedLine + ": check the end of this line)";
    }
}
