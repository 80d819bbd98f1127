package org.waymark.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where strict JSON ends, found without Jackson; and "not found" for what Jackson must decide (compared in PlainStringJsonFactoryTest). */
class StrictSkipTest {
    private final StrictSkip skip = new StrictSkip();

    @Test
    void findsTheEndOfStrictJson() {
        String[] whole = {"{}", "[]", "{ }", "[\n]", "{\"a\":1}", "[1,-0,2.5e-3,1E+9,true,false,null,\"x\"]",
                "{\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"1011481000000105\",\"display\":\"Zoë \\\"q\\\" \\u00e9\"}]}}",
                "[[[[]]],{\"\":{}}]", "{\"a\" :\t[ 1 , { \"b\" : [ ] } ] }"};
        for (String s : whole) {
            byte[] b = (s + ",\"after\"").getBytes(StandardCharsets.UTF_8);
            int length = s.getBytes(StandardCharsets.UTF_8).length;
            assertEquals(length, skip.end(b, 1, b.length, s.charAt(0) == '{', 1000, 50_000, 1000), s);
        }
    }

    @Test
    void countsLineBreaksAsJacksonDoes() {
        byte[] b = "[1,\n2,\r\n3,\r4\n ]".getBytes(StandardCharsets.UTF_8);
        assertEquals(b.length, skip.end(b, 1, b.length, false, 1000, 50_000, 1000));
        assertEquals(4, skip.lines);
        assertEquals(b.length - 2, skip.lineStart);
    }

    @Test
    void leavesToJacksonWhatIsNotStrictOrOverALimit() {
        String[] refused = {"{", "[1,]", "{\"a\":1,}", "[01]", "[1.]", "[.5]", "[+1]", "[-]", "[1e]", "[tru]", "[nulll]", "['a']",
                "{a:1}", "[1 2]", "{\"a\" 1}", "[\"tab\there\"]", "[\"\\q\"]", "[\"\\u12g4\"]", "[/*c*/1]", "[1",
                "{\"Zoë\":1}", "{\"a\\u0041\":1}", "[NaN]", "[1}", "{\"a\":1]", "[\u0001]"};
        for (String s : refused) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(-1, skip.end(b, 1, b.length, s.charAt(0) == '{', 1000, 50_000, 1000), s);
        }
        for (byte[] invalidUtf8 : new byte[][] {{'[', '"', (byte) 0xC3, 'x', '"', ']'}, {'[', '"', (byte) 0x80, '"', ']'}, {'[', '"', (byte) 0xF8, '"', ']'}}) {
            assertEquals(-1, skip.end(invalidUtf8, 1, invalidUtf8.length, false, 1000, 50_000, 1000));
        }
        byte[] deep = "[[[1]]]".getBytes(StandardCharsets.UTF_8);
        assertEquals(deep.length, skip.end(deep, 1, deep.length, false, 2, 50_000, 1000));
        assertEquals(-1, skip.end(deep, 1, deep.length, false, 1, 50_000, 1000));
        byte[] named = "{\"abcd\":123}".getBytes(StandardCharsets.UTF_8);
        assertEquals(named.length, skip.end(named, 1, named.length, true, 1000, 4, 3));
        assertEquals(-1, skip.end(named, 1, named.length, true, 1000, 3, 3));
        assertEquals(-1, skip.end(named, 1, named.length, true, 1000, 4, 2));
    }
}
