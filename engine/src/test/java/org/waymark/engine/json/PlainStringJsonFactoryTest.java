package org.waymark.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every token, text, location and error the same as Jackson's own parser gives, for strings plain and not (escapes,
 * bytes beyond ASCII, control characters, no closing quote), read or skipped, at every offset into a larger array.
 */
class PlainStringJsonFactoryTest {
    private static final JsonFactory JACKSON = new JsonFactory();
    private static final JsonFactory PLAIN = new PlainStringJsonFactory();
    /** String contents, plain and otherwise; each document mixes them. */
    private static final String[] PIECES = {"", "a", "final", "http://snomed.info/sct", "2018-05-31T12:00:00Z", "1011481000000105",
            "eGFR using creatinine per 1.73 square metres", "tab\\there", "quote\\\"d", "back\\\\slash", "\\u00e9t\\u00e9", "Zoë", "日本",
            "emoji \uD83D\uDE00", "del\u007Fchar", "x".repeat(40), "\\/"};

    @Test
    void readsEveryDocumentAsJacksonDoes() throws IOException {
        Random random = new Random(11);
        for (int round = 0; round < 3_000; round++) {
            String doc = document(random);
            byte[] json = doc.getBytes(StandardCharsets.UTF_8);
            int pad = random.nextInt(9);
            byte[] padded = new byte[pad + json.length + random.nextInt(9)];
            System.arraycopy(json, 0, padded, pad, json.length);
            boolean skipStrings = random.nextBoolean();
            assertEquals(tokens(JACKSON, padded, pad, json.length, skipStrings), tokens(PLAIN, padded, pad, json.length, skipStrings), doc);
        }
    }

    @Test
    void brokenStringsFailAsJacksonFails() throws IOException {
        String[] broken = {"{\"a\":\"no end", "{\"a\":\"raw\ttab\"}", "{\"a\":\"raw\nline\"}", "{\"a\":\"bad \\q escape\"}",
                "{\"a\":\"ok\",\"b\":\"cut", "{\"a\":\"", "{\"a\":\"\\u12\"}"};
        for (String doc : broken) {
            byte[] json = doc.getBytes(StandardCharsets.UTF_8);
            for (boolean skip : new boolean[] {false, true}) {
                List<String> jackson = tokens(JACKSON, json, 0, json.length, skip);
                assertEquals(jackson, tokens(PLAIN, json, 0, json.length, skip), doc);
                // Each of these ends in Jackson's error, which the plain parser must give too (not an answer of its own).
                assertEquals(true, jackson.get(jackson.size() - 1).startsWith("error"), doc + " " + jackson);
            }
        }
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', 'o', 'k', (byte) 0xC3, '"', '}'};
        assertEquals(tokens(JACKSON, invalidUtf8, 0, invalidUtf8.length, false), tokens(PLAIN, invalidUtf8, 0, invalidUtf8.length, false));
    }

    @Test
    void aStringOverTheLengthLimitIsRefusedAsJacksonRefusesIt() throws IOException {
        StreamReadConstraints tight = StreamReadConstraints.builder().maxStringLength(10).build();
        JsonFactory jackson = JsonFactory.builder().streamReadConstraints(tight).build();
        JsonFactory plain = new PlainStringJsonFactory().setStreamReadConstraints(tight);
        byte[] json = "{\"a\":\"short\",\"b\":\"far longer than ten\"}".getBytes(StandardCharsets.UTF_8);
        List<String> expected = tokens(jackson, json, 0, json.length, false);
        assertEquals(expected, tokens(plain, json, 0, json.length, false));
        assertEquals(true, expected.get(expected.size() - 1).contains("String value length"), expected.toString());
    }

    @Test
    void onlyPlainUtf8ObjectsTakeThePlainParser() throws IOException {
        assertInstanceOf(PlainStringParser.class, PLAIN.createParser("{}".getBytes(StandardCharsets.UTF_8)));
        for (byte[] other : new byte[][] {" {}".getBytes(StandardCharsets.UTF_8), "[1]".getBytes(StandardCharsets.UTF_8),
                "{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_16LE), {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}}) {
            try (JsonParser p = PLAIN.createParser(other)) {
                assertNotEquals(PlainStringParser.class, p.getClass());
                assertEquals(tokens(JACKSON, other, 0, other.length, false), tokens(PLAIN, other, 0, other.length, false));
            }
        }
        assertInstanceOf(PlainStringJsonFactory.class, PLAIN.copy());
    }

    /** Each token with its text, name and location as the parser gives them, then the error if there is one. */
    private static List<String> tokens(JsonFactory factory, byte[] json, int offset, int length, boolean skipStrings) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = factory.createParser(json, offset, length)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String text = t == JsonToken.VALUE_STRING && skipStrings ? "(skipped)"
                        : p.getText() + "|" + new String(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()) + "|" + p.getText();
                out.add(t + " " + p.currentName() + " " + text + " @" + p.currentTokenLocation().getByteOffset() + ":"
                        + p.currentTokenLocation().getColumnNr() + " now " + p.currentLocation().getByteOffset());
            }
        } catch (IOException e) {
            out.add("error " + e.getClass().getSimpleName() + ": " + e.getMessage().replaceAll("REDACTED|Source: .*", ""));
        }
        return out;
    }

    private static String document(Random random) {
        StringBuilder b = new StringBuilder("{");
        int members = random.nextInt(6);
        for (int i = 0; i < members; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(piece(random)).append("\":");
            switch (random.nextInt(4)) {
                case 0 -> b.append('"').append(piece(random)).append('"');
                case 1 -> b.append("[\"").append(piece(random)).append("\",").append(random.nextInt(100)).append(",\"").append(piece(random)).append("\"]");
                case 2 -> b.append("{\"k\":\"").append(piece(random)).append("\",\"n\":null}");
                default -> b.append(random.nextInt(1000)).append('.').append(random.nextInt(10));
            }
        }
        return b.append('}').toString();
    }

    private static String piece(Random random) {
        StringBuilder b = new StringBuilder();
        for (int n = random.nextInt(3) + 1; n > 0; n--) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }
}
