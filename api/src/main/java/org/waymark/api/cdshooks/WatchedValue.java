package org.waymark.api.cdshooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * The JSON value a parser is at, as a parser of its own that starts with the value's first token, for a reader such
 * as {@code RecordStream}; every token goes by {@link FhirJsonShape}, skipped ones too (the reader reads only what it
 * needs), so the shape is checked in the same pass.
 */
final class WatchedValue extends JsonParserDelegate {
    private final FhirJsonShape shape;
    private boolean started;
    private int depth;

    WatchedValue(JsonParser at, FhirJsonShape shape) {
        super(at);
        this.shape = shape;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken t;
        if (started) {
            t = delegate.nextToken();
        } else {
            started = true;
            t = delegate.currentToken();
        }
        if (t == null) {
            return null;
        }
        if (t.isStructStart()) {
            depth++;
        } else if (t.isStructEnd()) {
            depth--;
        }
        shape.token(delegate, t);
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
                // each token goes by the shape
            }
        }
        return this;
    }

    /** Reads what the reader left of the value (all of it after a fault), so the parser is just past the value. */
    void finish() throws IOException {
        while ((!started || depth > 0) && nextToken() != null) {
            // each token goes by the shape
        }
    }
}
