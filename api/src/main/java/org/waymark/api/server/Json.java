package org.waymark.api.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The API's one Jackson mapper, and helpers that never write null or empty values (CDS Hooks §Use of JSON). */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Puts {@code value} only when it is not null or blank. */
    public static ObjectNode putText(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
        return node;
    }

    /** Puts {@code value} only when it is not null and not empty. */
    public static ObjectNode putNode(ObjectNode node, String field, com.fasterxml.jackson.databind.JsonNode value) {
        if (value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
            node.set(field, value);
        }
        return node;
    }
}
