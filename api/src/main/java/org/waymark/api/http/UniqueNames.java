package org.waymark.api.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A parser that refuses a name given twice in one object, as Jackson's {@code STRICT_DUPLICATE_DETECTION} does, for
 * less: Jackson makes a new {@code HashSet} for every object of three members or more, and a prefetch Bundle has
 * thousands (7% of a 148-entry call's CPU in a profile). Here the names of each open object are kept in an array reused
 * per depth and compared in turn; past {@link #SCAN} names a set takes over, so a wide object costs no more than with
 * Jackson. Every token goes by {@link #nextToken}, skipped ones too, so nothing in the body escapes the check.
 */
final class UniqueNames extends JsonParserDelegate {
    private static final int SCAN = 16;

    /** The names of one open container (an array's stay none). */
    private static final class Names {
        private final String[] seen = new String[SCAN];
        private int count;
        private Set<String> many;

        void clear() {
            count = 0;
            many = null;
        }

        /** False when {@code name} was seen already. */
        boolean add(String name) {
            if (many != null) {
                return many.add(name);
            }
            for (int i = 0; i < count; i++) {
                if (seen[i].equals(name)) {
                    return false;
                }
            }
            if (count == SCAN) {
                many = new HashSet<>(Arrays.asList(seen));
                return many.add(name);
            }
            seen[count++] = name;
            return true;
        }
    }

    private Names[] open = new Names[8];
    private int depth;

    /** {@code parser} must not have read a token yet, and must not detect duplicates itself. */
    UniqueNames(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken t = delegate.nextToken();
        if (t == null) {
            return null;
        }
        switch (t.id()) {
            case JsonTokenId.ID_START_OBJECT, JsonTokenId.ID_START_ARRAY -> push();
            case JsonTokenId.ID_END_OBJECT, JsonTokenId.ID_END_ARRAY -> depth--;
            case JsonTokenId.ID_FIELD_NAME -> {
                String name = delegate.currentName();
                if (!open[depth - 1].add(name)) {
                    // Jackson's own words, which the caller's refusal rewords as for any body.
                    throw new JsonParseException(this, "Duplicate field '" + name + "'");
                }
            }
            default -> {
            }
        }
        return t;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.FIELD_NAME ? nextToken() : t;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        if (currentToken() != null && currentToken().isStructStart()) {
            int outside = depth - 1;
            while (depth > outside && nextToken() != null) {
                // each token goes by the check
            }
        }
        return this;
    }

    private void push() {
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        Names names = open[depth];
        if (names == null) {
            names = new Names();
            open[depth] = names;
        } else {
            names.clear();
        }
        depth++;
    }
}
