package org.waymark.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The completion manifest of a Bulk Data export: when the server took its snapshot ({@code transactionTime}, the
 * {@code _since} of the next incremental run), whether the files need the access token, and the output and error
 * files, each a resource type and a URL.
 */
public record Manifest(Instant transactionTime, boolean requiresAccessToken, List<File> output, List<File> error) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");

    /** One file of the manifest; the type names the file it is saved as, so it must be a plain resource type. */
    public record File(String type, URI url) {
        public File {
            if (type == null || !TYPE.matcher(type).matches()) {
                throw new BulkExportException("the export manifest names a file of type '" + type + "', not a FHIR resource type");
            }
            if (url == null || !url.isAbsolute()) {
                throw new BulkExportException("the export manifest gives a file URL that is not absolute: " + url);
            }
        }
    }

    public Manifest {
        output = List.copyOf(output);
        error = List.copyOf(error);
    }

    static Manifest parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BulkExportException("the export manifest is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("transactionTime").isTextual() || !root.path("output").isArray()) {
            throw new BulkExportException("the export manifest has no transactionTime or output");
        }
        try {
            return new Manifest(instant(root.path("transactionTime").asText()), root.path("requiresAccessToken").asBoolean(false),
                    files(root.path("output")), files(root.path("error")));
        } catch (IllegalArgumentException e) {
            throw new BulkExportException("the export manifest has a bad URL: " + e.getMessage());
        }
    }

    /** The manifest as saved beside the files: what the server said, and nothing of the client's credentials. */
    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("transactionTime", transactionTime.toString());
        root.put("requiresAccessToken", requiresAccessToken);
        write(root.putArray("output"), output);
        write(root.putArray("error"), error);
        return root.toPrettyString();
    }

    /** FHIR instants may carry an offset; {@code _since} is sent back in UTC. */
    static Instant instant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BulkExportException("the export manifest's transactionTime is not an instant: " + text);
        }
    }

    private static List<File> files(JsonNode array) {
        List<File> files = new ArrayList<>();
        for (JsonNode f : array) {
            files.add(new File(f.path("type").asText(null), URI.create(f.path("url").asText(""))));
        }
        return files;
    }

    private static void write(ArrayNode array, List<File> files) {
        for (File f : files) {
            array.addObject().put("type", f.type()).put("url", f.url().toString());
        }
    }
}
