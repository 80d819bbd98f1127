package org.waymark.screening.screen;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Map.Entry;
import org.hl7.fhir.r4.model.IdType;

/**
 * A FHIR Bundle file (any type: a Synthea collection or transaction, an {@code $everything} searchset) as the
 * resources of its entries, each as one NDJSON-like line, so pass 1 treats it as it treats Bulk Data. A reference to
 * an entry's {@code fullUrl} ({@code urn:uuid:...} or absolute) is rewritten to the entry's relative
 * {@code Type/id}, and an entry without an id takes the uuid of its {@code urn:uuid} fullUrl: the patient a resource
 * names is then found as in NDJSON. Read twice as a stream (the full URLs, then the entries), one entry in memory
 * at a time, so a large Bundle does not fill the heap. A file holding one resource, not a Bundle, is that one line.
 */
final class BundleEntries {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Opens the file again for each of the two passes. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    /** Receives each resource as JSON bytes with its 1-based entry number. */
    @FunctionalInterface
    interface Sink {
        void entry(byte[] json, long entry) throws IOException;
    }

    private BundleEntries() {
    }

    static void read(Source source, Sink sink) throws IOException {
        Map<String, String> fullUrls = new HashMap<>();
        each(source, (entry, n) -> {
            String fullUrl = entry.path("fullUrl").asText("");
            JsonNode resource = entry.path("resource");
            String id = resource.path("id").asText(fullUrl.startsWith("urn:uuid:") ? fullUrl.substring("urn:uuid:".length()) : "");
            if (!fullUrl.isEmpty() && resource.has("resourceType") && !id.isEmpty()) {
                fullUrls.put(fullUrl, resource.path("resourceType").asText() + "/" + id);
            }
        }, null);
        each(source, (entry, n) -> {
            if (!(entry.path("resource") instanceof ObjectNode resource)) {
                sink.entry(JSON.writeValueAsBytes(entry.path("resource")), n);
                return;
            }
            String target = fullUrls.get(entry.path("fullUrl").asText(""));
            if (!resource.has("id") && target != null) {
                resource.put("id", new IdType(target).getIdPart());
            }
            rewrite(resource, fullUrls);
            sink.entry(JSON.writeValueAsBytes(resource), n);
        }, sink);
    }

    private interface EntryVisitor {
        void entry(JsonNode entry, long n) throws IOException;
    }

    /**
     * Calls {@code visitor} for each entry of a Bundle; a single resource goes to {@code single} (only on the pass
     * that gives it), and anything else is an {@link IllegalArgumentException}.
     */
    private static void each(Source source, EntryVisitor visitor, Sink single) throws IOException {
        try (InputStream in = source.open(); JsonParser p = JSON.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a FHIR resource or Bundle: expected a JSON object");
            }
            ObjectNode top = JSON.createObjectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("entry") && value == JsonToken.START_ARRAY && isBundle(top)) {
                    long n = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        visitor.entry(JSON.readTree(p), ++n);
                    }
                } else {
                    top.set(field, JSON.readTree(p));
                }
            }
            if (isBundle(top)) {
                // Rare: entries before resourceType were buffered above.
                long n = 0;
                for (JsonNode entry : top.path("entry")) {
                    visitor.entry(entry, ++n);
                }
            } else if (single != null) {
                single.entry(JSON.writeValueAsBytes(top), 1);
            }
        }
    }

    private static boolean isBundle(ObjectNode top) {
        return "Bundle".equals(top.path("resourceType").asText());
    }

    /** Replaces every {@code reference} that is an entry's full URL by the entry's {@code Type/id}. */
    private static void rewrite(JsonNode node, Map<String, String> fullUrls) {
        if (node.isObject()) {
            for (Entry<String, JsonNode> f : node.properties()) {
                String target = f.getKey().equals("reference") && f.getValue().isTextual() ? fullUrls.get(f.getValue().asText()) : null;
                if (target != null) {
                    f.setValue(TextNode.valueOf(target));
                } else {
                    rewrite(f.getValue(), fullUrls);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> rewrite(child, fullUrls));
        }
    }
}
