package org.waymark.bulk;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Bulk Data kick-off: the FHIR base, the level (and group id for a group export), the resource types wanted
 * (empty: all the server offers) and {@code _since} for an incremental run.
 */
public record ExportRequest(URI server, ExportLevel level, Optional<String> groupId, List<String> types, Optional<Instant> since) {
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    public ExportRequest {
        if (server == null || !server.isAbsolute() || !(server.getScheme().equals("http") || server.getScheme().equals("https"))) {
            throw new IllegalArgumentException("the FHIR server must be an absolute http(s) URL, got " + server);
        }
        if ((level == ExportLevel.GROUP) != groupId.isPresent()) {
            throw new IllegalArgumentException("a group id is given exactly when the export is at group level");
        }
        groupId.filter(id -> !ID.matcher(id).matches()).ifPresent(id -> {
            throw new IllegalArgumentException("not a FHIR id: " + id);
        });
        for (String t : types) {
            if (!TYPE.matcher(t).matches()) {
                throw new IllegalArgumentException("not a FHIR resource type: " + t);
            }
        }
        types = List.copyOf(types);
        String base = server.toString();
        server = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** The kick-off URL with its query: {@code _outputFormat}, then {@code _type} and {@code _since} when set. */
    public URI kickOffUri() {
        String path = switch (level) {
            case SYSTEM -> "/$export";
            case GROUP -> "/Group/" + groupId.orElseThrow() + "/$export";
            case PATIENT -> "/Patient/$export";
        };
        List<String> query = new ArrayList<>();
        query.add("_outputFormat=" + encode("application/fhir+ndjson"));
        if (!types.isEmpty()) {
            query.add("_type=" + encode(String.join(",", types)));
        }
        since.ifPresent(s -> query.add("_since=" + encode(s.toString())));
        return URI.create(server + path + "?" + String.join("&", query));
    }

    /** A URL relative to the server base, as {@code .well-known/smart-configuration}. */
    URI resolve(String relative) {
        return URI.create(server + "/" + relative);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
