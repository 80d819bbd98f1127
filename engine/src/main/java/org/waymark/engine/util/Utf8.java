package org.waymark.engine.util;

/** Well-formed UTF-8, checked on bytes by the readers that take plain input faster than a decoder would. */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * The length of the well-formed multi-byte sequence at {@code b[i]} that ends by {@code end} (Unicode table 3-7: no
     * overlong forms, no surrogates, nothing beyond U+10FFFF), or 0.
     */
    public static int sequence(byte[] b, int i, int end) {
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
        if (i + length > end) {
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
