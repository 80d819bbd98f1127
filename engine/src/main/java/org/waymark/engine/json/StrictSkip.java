package org.waymark.engine.json;

/**
 * Finds where an object or array ends by reading its bytes as strict JSON (RFC 8259: no comments, trailing commas,
 * leading zeros or unquoted names), without making tokens, names or numbers of its content. It answers only for
 * content every Jackson configuration reads the same way; for anything else (bytes beyond ASCII in a name, a control
 * character, an unknown escape, a name or number longer than allowed, nesting deeper than allowed, the input
 * running out) it answers "not found", so that Jackson's own skip reads it, accepts or refuses it, and reports where.
 * One instance per parser: the lines it passed are left in its fields.
 */
final class StrictSkip {
    /** Line breaks passed, and the index just after the last of them (meaningful only when {@link #lines} > 0). */
    int lines;
    int lineStart;

    /**
     * The index just past the end of the object ({@code object}) or array whose opening bracket ends just before
     * {@code from}, or -1 for Jackson to decide. At most {@code maxDepth} levels may open inside it (at most 63).
     * Names longer than {@code maxName} bytes and numbers longer than {@code maxNumber} are left to Jackson, which
     * checks its length limits on them even when skipping.
     */
    int end(byte[] b, int from, int to, boolean object, int maxDepth, int maxName, int maxNumber) {
        lines = 0;
        int depth = 0;
        long objects = 0; // bit d: whether the container at depth d (0: the outermost) is an object
        boolean inObject = object;
        int p = space(b, from, to);
        if (p < 0) {
            return -1;
        }
        if (b[p] == (inObject ? '}' : ']')) {
            return p + 1;
        }
        while (true) {
            if (inObject) {
                if (b[p] != '"') {
                    return -1;
                }
                int nameEnd = ByteSearch.plainStringEnd(b, p + 1, to);
                if (nameEnd == to || b[nameEnd] != '"' || nameEnd - p - 1 > maxName) {
                    return -1;
                }
                p = space(b, nameEnd + 1, to);
                if (p < 0 || b[p] != ':') {
                    return -1;
                }
                p = space(b, p + 1, to);
                if (p < 0) {
                    return -1;
                }
            }
            byte c = b[p];
            if (c == '{' || c == '[') {
                if (++depth > maxDepth || depth > 63) {
                    return -1;
                }
                objects = inObject ? objects | 1L << depth - 1 : objects & ~(1L << depth - 1);
                inObject = c == '{';
                p = space(b, p + 1, to);
                if (p < 0) {
                    return -1;
                }
                if (b[p] != (inObject ? '}' : ']')) {
                    continue;
                }
            } else {
                p = switch (c) {
                    case '"' -> string(b, p + 1, to);
                    case 't' -> literal(b, p, to, "true");
                    case 'f' -> literal(b, p, to, "false");
                    case 'n' -> literal(b, p, to, "null");
                    default -> number(b, p, to, maxNumber);
                };
                if (p < 0) {
                    return -1;
                }
                p = space(b, p, to);
                if (p < 0) {
                    return -1;
                }
            }
            // After a value: a comma and the next member, or the container's end (and so after a value of its parent).
            while (true) {
                byte next = b[p];
                if (next == ',') {
                    p = space(b, p + 1, to);
                    if (p < 0) {
                        return -1;
                    }
                    break;
                }
                if (next != (inObject ? '}' : ']')) {
                    return -1;
                }
                if (depth == 0) {
                    return p + 1;
                }
                depth--;
                inObject = (objects & 1L << depth) != 0;
                p = space(b, p + 1, to);
                if (p < 0) {
                    return -1;
                }
            }
        }
    }

    /** The first index from {@code p} that is not JSON whitespace, counting line breaks as Jackson does; -1 at the end. */
    private int space(byte[] b, int p, int to) {
        for (; p < to; p++) {
            byte c = b[p];
            if (c > ' ') {
                return p;
            }
            if (c == '\n') {
                lines++;
                lineStart = p + 1;
            } else if (c == '\r') {
                // Jackson counts CR LF as one line break, and a CR alone as one.
                if (p + 1 < to && b[p + 1] == '\n') {
                    p++;
                }
                lines++;
                lineStart = p + 1;
            } else if (c != ' ' && c != '\t') {
                return -1;
            }
        }
        return -1;
    }

    /** The index past the closing quote of the string whose content starts at {@code p}, or -1. */
    private static int string(byte[] b, int p, int to) {
        while (true) {
            p = ByteSearch.plainStringEnd(b, p, to);
            if (p == to) {
                return -1;
            }
            int c = b[p] & 0xFF;
            if (c == '"') {
                return p + 1;
            }
            if (c == '\\') {
                p = escape(b, p + 1, to);
            } else if (c >= 0xC0 && c < 0xF8) {
                // A multi-byte UTF-8 character: Jackson's skip checks that its continuation bytes are 10xxxxxx.
                int more = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
                if (p + more >= to) {
                    return -1;
                }
                for (int i = 1; i <= more; i++) {
                    if ((b[p + i] & 0xC0) != 0x80) {
                        return -1;
                    }
                }
                p += more + 1;
            } else {
                return -1; // a control character or a byte no UTF-8 character starts with
            }
            if (p < 0) {
                return -1;
            }
        }
    }

    /** The index past the escape whose letter is at {@code p}, or -1. */
    private static int escape(byte[] b, int p, int to) {
        if (p >= to) {
            return -1;
        }
        switch (b[p]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return p + 1;
            case 'u':
                if (p + 4 >= to) {
                    return -1;
                }
                for (int i = 1; i <= 4; i++) {
                    byte h = b[p + i];
                    if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F')) {
                        return -1;
                    }
                }
                return p + 5;
            default:
                return -1;
        }
    }

    private static int literal(byte[] b, int p, int to, String word) {
        if (p + word.length() > to) {
            return -1;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[p + i] != word.charAt(i)) {
                return -1;
            }
        }
        return p + word.length();
    }

    /** The index past the number at {@code p} ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}), or -1. */
    private static int number(byte[] b, int p, int to, int maxNumber) {
        int start = p;
        if (p < to && b[p] == '-') {
            p++;
        }
        if (p >= to || b[p] < '0' || b[p] > '9') {
            return -1;
        }
        if (b[p] == '0') {
            p++;
        } else {
            p = digits(b, p, to);
        }
        if (p < to && b[p] == '.') {
            int q = digits(b, p + 1, to);
            if (q == p + 1) {
                return -1;
            }
            p = q;
        }
        if (p < to && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < to && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int q = digits(b, p, to);
            if (q == p) {
                return -1;
            }
            p = q;
        }
        return p - start > maxNumber ? -1 : p;
    }

    private static int digits(byte[] b, int p, int to) {
        while (p < to && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        return p;
    }
}
