package org.waymark.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link PlainUtf8} against its definition, checked with the JDK's strict UTF-8 decoder, at every length and position. */
class PlainUtf8Test {
    /** A backslash escaping U+0000, after an even run of other backslashes (an odd run in all). */
    private static final Pattern ESCAPED_NUL = Pattern.compile("(?<!\\\\)(\\\\\\\\)*\\\\u0000");

    @Test
    void answersAsTheDefinitionDoes() {
        Random random = new Random(23);
        byte[][] pieces = {
                bytes("\\"), bytes("\\\\"), bytes("\\u0000"), bytes("u0000"), {0}, bytes("\u00e9"), bytes("\u20ac"),
                bytes("\ud83d\ude00"), HexFormat.of().parseHex("c0af"), HexFormat.of().parseHex("eda080"),
                HexFormat.of().parseHex("f4908080"), HexFormat.of().parseHex("e282"), {(byte) 0x80}, {(byte) 0xFF},
                bytes("\ufeff"), bytes("{\"a\":\"b\"}"), bytes("plain ascii text, longer than eight bytes")};
        int plain = 0;
        for (int round = 0; round < 20_000; round++) {
            ByteBuffer body = ByteBuffer.allocate(400);
            for (int k = random.nextInt(12); k > 0; k--) {
                byte[] piece = pieces[random.nextInt(pieces.length)];
                body.put(piece, 0, random.nextInt(8) == 0 ? random.nextInt(piece.length + 1) : piece.length);
            }
            byte[] b = java.util.Arrays.copyOf(body.array(), body.position());
            boolean expected = definition(b);
            plain += expected ? 1 : 0;
            assertEquals(expected, PlainUtf8.plain(b), () -> HexFormat.of().formatHex(b));
        }
        // Both answers were met often enough for the comparison to mean something.
        assertTrue(plain > 2_000 && plain < 18_000, "plain bodies: " + plain);
    }

    @Test
    void aByteOrderMarkOrANulIsNotPlain() {
        assertFalse(PlainUtf8.plain(bytes("\ufeff{}")));
        assertFalse(PlainUtf8.plain(bytes("{\"a\":\"b\u0000\"}")));
        assertFalse(PlainUtf8.plain(bytes("{\"a\":\"\\u0000\"}")));
        assertTrue(PlainUtf8.plain(bytes("{\"a\":\"\\\\u0000\"}")));
        assertTrue(PlainUtf8.plain(bytes("{\"display\":\"Caf\u00e9 \u2014 \u00a3\"}")));
    }

    private static boolean definition(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return false;
        }
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            return !ESCAPED_NUL.matcher(text).find();
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
