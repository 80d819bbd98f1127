package org.waymark.api.http;

import org.waymark.engine.json.ByteSearch;
import org.waymark.engine.util.Utf8;

/**
 * Whether Jackson's UTF-8 parser reads a body exactly as it reads {@code new String(body, UTF_8)}, with no NUL in any
 * string: the bytes are well-formed UTF-8 without a byte order mark (Jackson decodes some malformed sequences, overlong
 * ones among them, to characters where Java's decoder puts U+FFFD), hold no 0x00 byte, and no escaped NUL
 * ({@code \u0000} after an odd run of backslashes). One pass over the bytes, plain ASCII eight bytes at a time.
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
        while ((i = ByteSearch.asciiEnd(b, i, n, (byte) '\\')) < n) {
            byte c = b[i];
            if (c == '\\') {
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
                int length = Utf8.sequence(b, i, n);
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
}
