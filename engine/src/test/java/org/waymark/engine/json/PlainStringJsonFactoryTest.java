package org.waymark.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every token, text, location and error the same as Jackson's own parser gives, for strings plain and not (escapes,
 * bytes beyond ASCII, control characters, no closing quote), read or skipped, at every offset into a larger array; and
 * for objects and arrays skipped whole, valid or broken anywhere inside; and for names repeated in an object.
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
            assertEquals(tokens(JACKSON, padded, pad, json.length, skipStrings, NEVER), tokens(PLAIN, padded, pad, json.length, skipStrings, NEVER), doc);
        }
    }

    @Test
    void brokenStringsFailAsJacksonFails() throws IOException {
        String[] broken = {"{\"a\":\"no end", "{\"a\":\"raw\ttab\"}", "{\"a\":\"raw\nline\"}", "{\"a\":\"bad \\q escape\"}",
                "{\"a\":\"ok\",\"b\":\"cut", "{\"a\":\"", "{\"a\":\"\\u12\"}"};
        for (String doc : broken) {
            byte[] json = doc.getBytes(StandardCharsets.UTF_8);
            for (boolean skip : new boolean[] {false, true}) {
                List<String> jackson = tokens(JACKSON, json, 0, json.length, skip, NEVER);
                assertEquals(jackson, tokens(PLAIN, json, 0, json.length, skip, NEVER), doc);
                // Each of these ends in Jackson's error, which the plain parser must give too (not an answer of its own).
                assertEquals(true, jackson.get(jackson.size() - 1).startsWith("error"), doc + " " + jackson);
            }
        }
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', 'o', 'k', (byte) 0xC3, '"', '}'};
        assertEquals(tokens(JACKSON, invalidUtf8, 0, invalidUtf8.length, false, NEVER), tokens(PLAIN, invalidUtf8, 0, invalidUtf8.length, false, NEVER));
    }

    @Test
    void aStringOverTheLengthLimitIsRefusedAsJacksonRefusesIt() throws IOException {
        StreamReadConstraints tight = StreamReadConstraints.builder().maxStringLength(10).build();
        JsonFactory jackson = JsonFactory.builder().streamReadConstraints(tight).build();
        JsonFactory plain = new PlainStringJsonFactory().setStreamReadConstraints(tight);
        byte[] json = "{\"a\":\"short\",\"b\":\"far longer than ten\"}".getBytes(StandardCharsets.UTF_8);
        List<String> expected = tokens(jackson, json, 0, json.length, false, NEVER);
        assertEquals(expected, tokens(plain, json, 0, json.length, false, NEVER));
        assertEquals(true, expected.get(expected.size() - 1).contains("String value length"), expected.toString());
    }

    @Test
    void onlyPlainUtf8ObjectsTakeThePlainParser() throws IOException {
        assertInstanceOf(PlainStringParser.class, PLAIN.createParser("{}".getBytes(StandardCharsets.UTF_8)));
        for (byte[] other : new byte[][] {" {}".getBytes(StandardCharsets.UTF_8), "[1]".getBytes(StandardCharsets.UTF_8),
                "{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_16LE), {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}}) {
            try (JsonParser p = PLAIN.createParser(other)) {
                assertNotEquals(PlainStringParser.class, p.getClass());
                assertEquals(tokens(JACKSON, other, 0, other.length, false, NEVER), tokens(PLAIN, other, 0, other.length, false, NEVER));
            }
        }
        assertInstanceOf(PlainStringJsonFactory.class, PLAIN.copy());
    }

    @Test
    void skipsObjectsAndArraysAsJacksonSkipsThem() throws IOException {
        Random random = new Random(23);
        int broken = 0;
        for (int round = 0; round < 6_000; round++) {
            StringBuilder b = new StringBuilder();
            value(random, b, 0, true);
            byte[] json = b.toString().getBytes(StandardCharsets.UTF_8);
            if (round % 2 == 1) {
                json = damaged(random, json);
            }
            int skipDepth = 1 + random.nextInt(3);
            List<String> jackson = tokens(JACKSON, json, 0, json.length, false, skipDepth);
            assertEquals(jackson, tokens(PLAIN, json, 0, json.length, false, skipDepth), new String(json, StandardCharsets.UTF_8));
            broken += jackson.get(jackson.size() - 1).startsWith("error") ? 1 : 0;
        }
        // The damaged half must reach Jackson's errors often, or the comparison above says little about them.
        assertEquals(true, broken > 1_000, "documents refused: " + broken);
    }

    @Test
    void skippedContentOverTheLimitsIsRefusedAsJacksonRefusesIt() throws IOException {
        StreamReadConstraints tight = StreamReadConstraints.builder().maxNestingDepth(4).maxNameLength(8).maxNumberLength(5).build();
        JsonFactory jackson = JsonFactory.builder().streamReadConstraints(tight).build();
        JsonFactory plain = new PlainStringJsonFactory().setStreamReadConstraints(tight);
        String[] docs = {"{\"a\":[[[[1]]]],\"b\":2}", "{\"a\":[[[1]]],\"b\":2}", "{\"a\":{\"a-long-name\":1}}", "{\"a\":{\"short\":1}}",
                "{\"a\":[1234567]}", "{\"a\":[-1.5e10]}", "{\"a\":[12345]}"};
        int refused = 0;
        for (String doc : docs) {
            byte[] json = doc.getBytes(StandardCharsets.UTF_8);
            List<String> expected = tokens(jackson, json, 0, json.length, false, 2);
            assertEquals(expected, tokens(plain, json, 0, json.length, false, 2), doc);
            refused += expected.get(expected.size() - 1).startsWith("error") ? 1 : 0;
        }
        assertEquals(3, refused);
    }

    @Test
    void refusesANameTwiceInAnObjectAsJacksonDoes() throws IOException {
        JsonFactory jackson = new JsonFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonFactory plain = new PlainStringJsonFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        ObjectMapper jacksonTrees = new ObjectMapper(jackson);
        ObjectMapper plainTrees = new ObjectMapper(plain);
        Random random = new Random(31);
        int refused = 0;
        int rounds = 4_000;
        for (int round = 0; round < rounds; round++) {
            StringBuilder b = new StringBuilder();
            members(random, b, 0);
            byte[] json = b.toString().getBytes(StandardCharsets.UTF_8);
            int skipDepth = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : NEVER;
            List<String> expected = tokens(jackson, json, 0, json.length, false, skipDepth);
            assertEquals(expected, tokens(plain, json, 0, json.length, false, skipDepth), b.toString());
            // Trees are read with nextFieldName and the next*Value calls, which name members by other paths than nextToken.
            assertEquals(tree(jacksonTrees, json), tree(plainTrees, json), b.toString());
            refused += tree(jacksonTrees, json).startsWith("error") ? 1 : 0;
        }
        // Both outcomes must be common, or the comparison says little about one of them.
        assertEquals(true, refused > rounds / 5 && refused < rounds * 4 / 5, "documents refused: " + refused);
    }

    /** Names an object's members draw on: the same name written plainly and escaped, and one beyond ASCII. */
    private static final String[] NAMES = {"a", "\\u0061", "code", "system", "display", "Zoë", "x".repeat(30)};

    /**
     * An object of 0 to 29 members, their names either from {@link #NAMES} (so often repeated) or different (so that
     * long objects without a repeat are common too, and a repeat comes late in some), values nested objects, arrays of
     * objects or scalars.
     */
    private static void members(Random random, StringBuilder b, int depth) {
        int n = random.nextInt(random.nextBoolean() ? 4 : 30);
        boolean distinct = random.nextInt(3) > 0;
        // In a third of the objects of different names, one member repeats an earlier one's name, written plainly or escaped.
        int repeat = distinct && n > 1 && random.nextInt(3) == 0 ? 1 + random.nextInt(n - 1) : -1;
        b.append('{');
        for (int i = 0; i < n; i++) {
            String name = i == repeat ? (random.nextBoolean() ? "m" : "\\u006d") + random.nextInt(i)
                    : distinct ? "m" + i : NAMES[random.nextInt(NAMES.length)];
            b.append(i == 0 ? "" : ",").append('"').append(name).append("\":");
            switch (depth > 1 ? 2 : random.nextInt(4)) {
                case 0 -> members(random, b, depth + 1);
                case 1 -> {
                    b.append('[');
                    for (int k = 0, items = random.nextInt(4); k < items; k++) {
                        b.append(k == 0 ? "" : ",");
                        members(random, b, depth + 1);
                    }
                    b.append(']');
                }
                default -> b.append(random.nextBoolean() ? "\"v\"" : "1");
            }
        }
        b.append('}');
    }

    private static String tree(ObjectMapper mapper, byte[] json) {
        try {
            return mapper.readTree(json).toString();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return "error " + e.getClass().getSimpleName() + ": " + e.getOriginalMessage() + " @" + at.getByteOffset() + ":" + at.getLineNr() + ":" + at.getColumnNr();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skipping at this nesting depth or deeper: never. */
    private static final int NEVER = Integer.MAX_VALUE;

    /**
     * Each token with its text, name and location as the parser gives them, then the error if there is one; an object
     * or array opening at {@code skipDepth} or deeper (the outermost is at 1) is skipped whole.
     */
    private static List<String> tokens(JsonFactory factory, byte[] json, int offset, int length, boolean skipStrings, int skipDepth)
            throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = factory.createParser(json, offset, length)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isStructStart() && p.getParsingContext().getNestingDepth() >= skipDepth) {
                    p.skipChildren();
                    out.add("skipped to " + p.currentToken() + " @" + p.currentTokenLocation() + " now " + p.currentLocation()
                            + " in " + p.getParsingContext().typeDesc());
                    continue;
                }
                String text = t == JsonToken.VALUE_STRING && skipStrings ? "(skipped)"
                        : p.getText() + "|" + new String(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()) + "|" + p.getText();
                out.add(t + " " + p.currentName() + " " + text + " @" + p.currentTokenLocation().getByteOffset() + ":"
                        + p.currentTokenLocation().getColumnNr() + ":" + p.currentTokenLocation().getLineNr() + " now " + p.currentLocation().getByteOffset()
                        + ":" + p.currentLocation().getLineNr() + ":" + p.currentLocation().getColumnNr());
            }
        } catch (IOException e) {
            out.add("error " + e.getClass().getSimpleName() + ": " + e.getMessage().replaceAll("REDACTED|Source: .*", ""));
        }
        return out;
    }

    /** Any JSON value, with whitespace and line breaks of every kind between tokens. */
    private static void value(Random random, StringBuilder b, int depth, boolean root) {
        int kind = root ? random.nextInt(2) : random.nextInt(depth > 4 ? 5 : 7);
        switch (kind) {
            case 0, 1, 5, 6 -> {
                boolean object = kind % 5 == 0;
                b.append(object ? '{' : '[');
                space(random, b);
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    b.append(i == 0 ? "" : ",");
                    space(random, b);
                    if (object) {
                        b.append('"').append(piece(random)).append('"');
                        space(random, b);
                        b.append(':');
                        space(random, b);
                    }
                    value(random, b, depth + 1, false);
                    space(random, b);
                }
                b.append(object ? '}' : ']');
            }
            case 2 -> b.append('"').append(piece(random)).append('"');
            case 3 -> b.append(NUMBERS[random.nextInt(NUMBERS.length)]);
            default -> b.append(new String[] {"true", "false", "null"}[random.nextInt(3)]);
        }
    }

    private static final String[] NUMBERS = {"0", "-0", "7", "-12", "3.25", "1e5", "1E+5", "-2.5e-3", "12345678901234567890", "0.000001"};

    private static void space(Random random, StringBuilder b) {
        if (random.nextInt(3) == 0) {
            b.append(new String[] {" ", "\t", "\n", "\r\n", "\r", "  \n  "}[random.nextInt(6)]);
        }
    }

    /** The document with one byte changed, inserted or removed, most often to one that matters to JSON. */
    private static byte[] damaged(Random random, byte[] json) {
        byte[] interesting = "{}[],:\"\\-+.eE0123456789tfnx \n\r\u0001/#'".getBytes(StandardCharsets.UTF_8);
        byte with = random.nextInt(8) == 0 ? (byte) (0x80 + random.nextInt(128)) : interesting[random.nextInt(interesting.length)];
        int at = random.nextInt(json.length);
        byte[] out;
        switch (random.nextInt(3)) {
            case 0 -> {
                out = json.clone();
                out[at] = with;
            }
            case 1 -> {
                out = new byte[json.length + 1];
                System.arraycopy(json, 0, out, 0, at);
                out[at] = with;
                System.arraycopy(json, at, out, at + 1, json.length - at);
            }
            default -> {
                out = new byte[json.length - 1];
                System.arraycopy(json, 0, out, 0, at);
                System.arraycopy(json, at + 1, out, at, json.length - at - 1);
            }
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
