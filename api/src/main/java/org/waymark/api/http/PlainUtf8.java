package org.waymark.api.http;

/**
 * Whether Jackson's UTF-8 parser reads a body exactly as it reads {@code new String(body, UTF_8)}, with no NUL in any
 * string: the bytes are well-formed UTF-8 without a byte order mark (Jackson decodes some malformed sequences, overlong
 * ones among them, to characters where Java's decoder puts U+FFFD), hold no 0x00 byte, and no escaped NUL
 * ({@code \u0000} after an odd run of backslashes). One pass over the bytes, ASCII first.
 */
final class PlainUtf8 {
    private PlainUtf8() {
    }

    static boolean plain(byte[] b) {
        int n = b.length;
        if (n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
            return false;
        }
        int i = 0;
        while (i < n) {
            byte c = b[i];
            if (c > 0 && c != '\\') {
                i++;
            } else if (c == '\\') {
                int run = i;
                while (i < n && b[i] == '\\') {
                    i++;
                }
                if (((i - run) & 1) == 1 && nulEscape(b, i)) {
                    return false;
                }
            } else if (c == 0) {
                return false;
            } else {
                int length = sequence(b, i);
                if (length == 0) {
                    return false;
                }
                i += length;
            }
        }
        return true;
    }

    private static boolean nulEscape(byte[] b, int at) {
        return at + 5 <= b.length && b[at] == 'u' && b[at + 1] == '0' && b[at + 2] == '0' && b[at + 3] == '0' && b[at + 4] == '0';
    }

    /** The length of the well-formed multi-byte sequence at {@code i} (Unicode table 3-7), or 0. */
    private static int sequence(byte[] b, int i) {
        int lead = b[i] & 0xFF;
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (i + length > b.length) {
            return 0;
        }
        int second = b[i + 1] & 0xFF;
        if (second < low || second > high) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }
}
