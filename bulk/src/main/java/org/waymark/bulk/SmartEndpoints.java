package org.waymark.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The SMART endpoints over HTTP: the token URL from the server's {@code .well-known/smart-configuration}, and the token call. */
public final class SmartEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SmartEndpoints() {
    }

    /** The {@code token_endpoint} the FHIR server advertises. */
    public static URI discoverTokenUrl(HttpClient client, URI server) throws InterruptedException {
        ExportRequest base = new ExportRequest(server, ExportLevel.SYSTEM, Optional.empty(), List.of(), Optional.empty());
        BulkHttp http = new BulkHttp(client, Optional.empty());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(".well-known/smart-configuration"))
                .header("Accept", "application/json").timeout(TIMEOUT).GET(), HttpResponse.BodyHandlers.ofString(), false);
        if (r.statusCode() != 200) {
            throw BulkHttp.failure("the server has no SMART configuration (give --token-url)", r.statusCode(), r.body());
        }
        try {
            JsonNode root = JSON.readTree(r.body());
            String url = root == null ? "" : root.path("token_endpoint").asText("");
            if (url.isBlank()) {
                throw new BulkExportException("the server's SMART configuration has no token_endpoint (give --token-url)");
            }
            return URI.create(url);
        } catch (IOException | IllegalArgumentException e) {
            throw new BulkExportException("the server's SMART configuration is unreadable (give --token-url): " + e.getMessage());
        }
    }

    /** Posts the client-credentials form to the token endpoint. */
    public static SmartBackendAuth.TokenEndpoint over(HttpClient client) {
        BulkHttp http = new BulkHttp(client, Optional.empty());
        return (url, form) -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json")
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)),
                    HttpResponse.BodyHandlers.ofString(), false);
            return new SmartBackendAuth.TokenEndpoint.Response(r.statusCode(), r.body());
        };
    }
}
