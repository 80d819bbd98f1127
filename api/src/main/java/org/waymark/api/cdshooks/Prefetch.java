package org.waymark.api.cdshooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The request's prefetch values for the keys the service reads, each read once, as the body is parsed. */
public final class Prefetch {
    /** No prefetch sent (absent or null). */
    static final Prefetch NONE = new Prefetch(Map.of());

    private final Map<String, PrefetchValue> values;

    private Prefetch(Map<String, PrefetchValue> values) {
        this.values = Map.copyOf(values);
    }

    /** The value sent for {@code key}, if any. */
    Optional<PrefetchValue> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Reads the prefetch object the parser is at; values of keys the service does not read are skipped unread. */
    static Prefetch read(JsonParser p, Set<String> keys) throws IOException {
        Map<String, PrefetchValue> values = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (keys.contains(key)) {
                values.put(key, PrefetchValue.read(p, "prefetch." + key));
            } else {
                p.skipChildren();
            }
        }
        return new Prefetch(values);
    }
}
