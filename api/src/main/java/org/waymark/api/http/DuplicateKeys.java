package org.waymark.api.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A request parser that refuses a key given twice in one object, as Jackson's {@code STRICT_DUPLICATE_DETECTION} does
 * (the same exception type, at the same token), for less: Jackson makes a {@code HashSet} for every object of three or
 * more members (about 120 KB of a 148-entry call's garbage), where this keeps the names of all open objects on one
 * reused stack and compares a new name with its object's earlier ones. Jackson's byte parser interns field names, so the
 * comparison is mostly by identity. An object of more than {@link #SCAN_LIMIT} members gets a set, so a huge object costs
 * no quadratic scan. Every token goes through {@link #nextToken}, skipped ones too.
 */
final class DuplicateKeys extends JsonParserDelegate {
    static final int SCAN_LIMIT = 16;

    /** The names of the open objects, innermost last; an object that has a set keeps its names there instead. */
    private String[] names = new String[64];
    private int top;
    /** Per open object, innermost last: where its names start in {@link #names}, and its set once it has one. */
    private int[] starts = new int[16];
    private Set<?>[] sets = new Set<?>[16];
    private int objects;
    /** Open objects and arrays, for {@link #skipChildren}. */
    private int open;

    /** {@code parser} must not detect duplicates itself (that is the cost this saves). */
    DuplicateKeys(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken t = delegate.nextToken();
        if (t == null) {
            return null;
        }
        switch (t) {
            case FIELD_NAME -> name(delegate.currentName());
            case START_OBJECT -> {
                open++;
                push();
            }
            case END_OBJECT -> {
                open--;
                objects--;
                top = starts[objects];
                sets[objects] = null;
            }
            case START_ARRAY -> open++;
            case END_ARRAY -> open--;
            default -> {
                // a scalar value: no name, no nesting
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
        JsonToken t = currentToken();
        if (t != null && t.isStructStart()) {
            int outside = open - 1;
            while (open > outside && nextToken() != null) {
                // every name is checked, skipped or not
            }
        }
        return this;
    }

    private void push() {
        if (objects == starts.length) {
            starts = Arrays.copyOf(starts, objects * 2);
            sets = Arrays.copyOf(sets, objects * 2);
        }
        starts[objects++] = top;
    }

    @SuppressWarnings("unchecked")
    private void name(String name) throws JsonParseException {
        int current = objects - 1;
        Set<String> set = (Set<String>) sets[current];
        if (set != null) {
            if (!set.add(name)) {
                throw duplicate(name);
            }
            return;
        }
        int start = starts[current];
        for (int i = start; i < top; i++) {
            String earlier = names[i];
            if (earlier == name || earlier.equals(name)) {
                throw duplicate(name);
            }
        }
        if (top - start == SCAN_LIMIT) {
            set = new HashSet<>(Arrays.asList(names).subList(start, top));
            set.add(name);
            sets[current] = set;
            top = start;
            return;
        }
        if (top == names.length) {
            names = Arrays.copyOf(names, top * 2);
        }
        names[top++] = name;
    }

    private JsonParseException duplicate(String name) {
        return new JsonParseException(delegate, "Duplicate field '" + name + "'");
    }
}
