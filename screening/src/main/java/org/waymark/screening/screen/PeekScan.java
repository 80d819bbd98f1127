package org.waymark.screening.screen;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.waymark.engine.json.ByteSearch;
import org.waymark.engine.util.Utf8;

/**
 * Pass 1's look at a line straight off its bytes: the same top-level members as {@link Partitioner#peekWithJackson}
 * (the resource type, the id, the subject and patient references), in the same order and stopping at the same point,
 * for about 60% of the CPU of Jackson's tokens at C1 (screening runs with C1 only) and a quarter of the allocation. It
 * checks the syntax of all it passes at least as strictly as Jackson's defaults: it answers only when Jackson would give
 * that same answer, and gives up ({@code null}) on anything else (bad or unusual JSON; an escape, or a byte beyond ASCII,
 * in a member name or in a value it reads; a value of another JSON type where it reads one; deep nesting; very long
 * tokens), which the caller then hands to Jackson, so a line's report is worded as before. Every line of the generated
 * populations is answered here.
 */
final class PeekScan {
    /** Jackson's defaults allow more of each (nesting 1,000, names 50,000, numbers 1,000 characters): beyond these, Jackson decides. */
    private static final int MAX_DEPTH = 64;
    private static final int MAX_NAME = 256;
    private static final int MAX_NUMBER = 100;
    private static final int MAX_READ_VALUE = 4096;

    private static final int OTHER = 0;
    private static final int RESOURCE_TYPE = 1;
    private static final int ID = 2;
    private static final int SUBJECT = 3;
    private static final int PATIENT = 4;
    private static final int REFERENCE = 5;
    private static final byte[][] NAMES = {null, ascii("resourceType"), ascii("id"), ascii("subject"), ascii("patient"), ascii("reference")};

    /** Thrown, without a stack trace, to give the line to Jackson. */
    private static final class Unsure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsure() {
            super(null, null, false, false);
        }
    }

    private static final Unsure UNSURE = new Unsure();

    private final byte[] b;
    private final int end;
    private int i;

    private PeekScan(byte[] b, int off, int len) {
        this.b = b;
        this.i = off;
        this.end = off + len;
    }

    /**
     * The line's peek, as {@link Partitioner#peekWithJackson} gives it (including its IllegalArgumentException for a line
     * naming no patient), or null when Jackson is to read the line.
     */
    static Partitioner.Peek peek(byte[] bytes, int off, int len) {
        try {
            return new PeekScan(bytes, off, len).resource();
        } catch (Unsure e) {
            return null;
        }
    }

    private Partitioner.Peek resource() {
        ws();
        expect('{');
        Partitioner.Found found = new Partitioner.Found();
        ws();
        if (at() == '}') {
            return found.atEnd();
        }
        while (true) {
            boolean read = true;
            switch (name()) {
                case RESOURCE_TYPE -> found.type = string();
                case ID -> found.id = string();
                case SUBJECT -> found.subject = reference();
                case PATIENT -> found.patient = reference();
                default -> {
                    value(1);
                    read = false;
                }
            }
            // Only a member the peek reads can settle the line (as in Partitioner.peekWithJackson).
            Partitioner.Peek settled = read ? found.settled() : null;
            if (settled != null) {
                return settled;
            }
            if (!next('}')) {
                return found.atEnd();
            }
        }
    }

    /** A Reference object's {@code reference} (the last one that is a string), skipping the rest; a value that is not an object is Jackson's. */
    private String reference() {
        if (at() != '{') {
            throw UNSURE;
        }
        String ref = "";
        if (opensEmpty('}')) {
            return ref;
        }
        do {
            if (name() == REFERENCE && at() == '"') {
                ref = string();
            } else {
                value(2);
            }
        } while (next('}'));
        return ref;
    }

    /** At an opening bracket: moves past it and the whitespace after it, and past {@code close} when it follows at once (true). */
    private boolean opensEmpty(char close) {
        i++;
        ws();
        if (at() == close) {
            i++;
            return true;
        }
        return false;
    }

    /**
     * After a member or an element: true at a comma (and moves past it and the whitespace after it), false at {@code close}
     * (and moves past it).
     */
    private boolean next(char close) {
        ws();
        byte c = at();
        i++;
        if (c == ',') {
            ws();
            return true;
        }
        if (c != close) {
            throw UNSURE;
        }
        return false;
    }

    /** A member's name and the colon after it: which of the names read it is. */
    private int name() {
        int from = i + 1;
        skipName();
        int length = i - from - 1;
        ws();
        expect(':');
        ws();
        for (int n = 1; n < NAMES.length; n++) {
            if (NAMES[n].length == length && Arrays.equals(b, from, from + length, NAMES[n], 0, length)) {
                return n;
            }
        }
        return OTHER;
    }

    /** A member's name and the colon after it, in a value skipped. */
    private void member() {
        skipName();
        ws();
        expect(':');
        ws();
    }

    /** A name: plain ASCII without escapes (the loops keep to locals: C1 does not keep fields in registers). */
    private void skipName() {
        expect('"');
        i = plain(MAX_NAME);
    }

    /** A string value that is read: plain ASCII without escapes. */
    private String string() {
        expect('"');
        int from = i;
        i = plain(MAX_READ_VALUE);
        return new String(b, from, i - from - 1, StandardCharsets.ISO_8859_1);
    }

    /** From the cursor, inside a string, to just after its closing quote: plain ASCII without escapes, at most {@code max} bytes. */
    private int plain(int max) {
        byte[] a = b;
        int to = Math.min(end, i + max);
        for (int j = i; j < to; j++) {
            byte c = a[j];
            if (c == '"') {
                return j + 1;
            }
            // Bytes beyond ASCII are negative.
            if (c < 0x20 || c == '\\') {
                break;
            }
        }
        throw UNSURE;
    }

    /** Skips any JSON value, checking its syntax. */
    private void value(int depth) {
        if (depth > MAX_DEPTH) {
            throw UNSURE;
        }
        byte c = at();
        switch (c) {
            case '"' -> skipString();
            case '{' -> {
                if (!opensEmpty('}')) {
                    do {
                        member();
                        value(depth + 1);
                    } while (next('}'));
                }
            }
            case '[' -> {
                if (!opensEmpty(']')) {
                    do {
                        value(depth + 1);
                    } while (next(']'));
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    /** A string value skipped: escapes as JSON has them, and well-formed UTF-8. */
    private void skipString() {
        byte[] a = b;
        int e = end;
        int j = i + 1;
        while (true) {
            // A run of plain ASCII, then whatever ended it.
            j = ByteSearch.plainStringEnd(a, j, e);
            i = j;
            int c = at() & 0xFF;
            if (c == '"') {
                i++;
                return;
            }
            if (c == '\\') {
                escape();
            } else if (c >= 0x80) {
                utf8();
            } else {
                throw UNSURE;
            }
            j = i;
        }
    }

    private void escape() {
        i++;
        byte c = at();
        i++;
        switch (c) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
            }
            case 'u' -> {
                for (int k = 0; k < 4; k++) {
                    byte h = at();
                    if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F')) {
                        throw UNSURE;
                    }
                    i++;
                }
            }
            default -> throw UNSURE;
        }
    }

    /** One well-formed UTF-8 sequence. */
    private void utf8() {
        int length = Utf8.sequence(b, i, end);
        if (length == 0) {
            throw UNSURE;
        }
        i += length;
    }

    /** {@code true}, {@code false} or {@code null}, followed by what may follow a value. */
    private void literal(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (at() != word.charAt(k)) {
                throw UNSURE;
            }
            i++;
        }
        followed();
    }

    /** A number as JSON has it: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, followed by what may follow a value. */
    private void number() {
        int from = i;
        if (at() == '-') {
            i++;
        }
        if (at() == '0') {
            i++;
        } else {
            digits();
        }
        if (i < end && b[i] == '.') {
            i++;
            digits();
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (at() == '+' || at() == '-') {
                i++;
            }
            digits();
        }
        if (i - from > MAX_NUMBER) {
            throw UNSURE;
        }
        followed();
    }

    private void digits() {
        if (!digit(at())) {
            throw UNSURE;
        }
        while (i < end && digit(b[i])) {
            i++;
        }
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** After a scalar: whitespace, a comma or a closing bracket (Jackson refuses, say, {@code truex} or {@code 1x}). */
    private void followed() {
        byte c = at();
        if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == '}' || c == ']')) {
            throw UNSURE;
        }
    }

    private void ws() {
        byte[] a = b;
        int e = end;
        int j = i;
        while (j < e && (a[j] == ' ' || a[j] == '\t' || a[j] == '\r' || a[j] == '\n')) {
            j++;
        }
        i = j;
    }

    private void expect(char c) {
        if (at() != c) {
            throw UNSURE;
        }
        i++;
    }

    /** The byte at the cursor; past the end of the line, Jackson decides (it reports the line as cut short). */
    private byte at() {
        if (i >= end) {
            throw UNSURE;
        }
        return b[i];
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
