package org.waymark.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The export's HTTP calls: the bearer token when there is one (renewed once on a 401), and readable failures. */
final class BulkHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final Optional<AccessTokens> tokens;

    BulkHttp(HttpClient client, Optional<AccessTokens> tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    /** Sends {@code request}, with the token when {@code authorised} and there is one; a refused token is renewed once. */
    <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, boolean authorised)
            throws InterruptedException {
        boolean withToken = authorised && tokens.isPresent();
        HttpResponse<T> response = sendOnce(request, body, withToken);
        if (withToken && response.statusCode() == 401) {
            tokens.get().expire();
            response = sendOnce(request, body, true);
        }
        return response;
    }

    private <T> HttpResponse<T> sendOnce(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, boolean withToken)
            throws InterruptedException {
        HttpRequest.Builder copy = request.copy();
        if (withToken) {
            copy.setHeader("Authorization", "Bearer " + tokens.get().token());
        }
        HttpRequest built = copy.build();
        try {
            return client.send(built, body);
        } catch (ConnectException e) {
            throw new BulkExportException("cannot connect to " + built.uri().getHost() + ":" + port(built) + " (" + built.method() + " " + built.uri().getPath() + ")");
        } catch (HttpTimeoutException e) {
            throw new BulkExportException("no answer in time from " + built.uri().getHost() + " (" + built.method() + " " + built.uri().getPath() + ")");
        } catch (IOException e) {
            throw new BulkExportException("the call " + built.method() + " " + built.uri().getPath() + " failed: " + e.getMessage(), e);
        }
    }

    private static int port(HttpRequest r) {
        return r.uri().getPort() != -1 ? r.uri().getPort() : r.uri().getScheme().equals("https") ? 443 : 80;
    }

    /** "{what}: HTTP 404 Not found: {the OperationOutcome's diagnostics}" for an answer the export cannot use. */
    static BulkExportException failure(String what, int status, String body) {
        return new BulkExportException(what + ": HTTP " + status + outcomeText(body).map(t -> ": " + t).orElse(""));
    }

    /** The issue texts of an OperationOutcome (or a short plain-text body); empty for anything else. */
    static Optional<String> outcomeText(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && "OperationOutcome".equals(root.path("resourceType").asText())) {
                List<String> texts = new ArrayList<>();
                for (JsonNode issue : root.path("issue")) {
                    String text = issue.path("diagnostics").asText(issue.path("details").path("text").asText(""));
                    if (!text.isBlank()) {
                        texts.add(text);
                    }
                }
                return texts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", texts));
            }
            return Optional.empty();
        } catch (IOException notJson) {
            String text = body.strip();
            return Optional.of(text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
    }
}
