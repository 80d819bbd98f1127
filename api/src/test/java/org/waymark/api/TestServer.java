package org.waymark.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.waymark.api.admin.AdminIdentity;
import org.waymark.api.http.Json;
import org.waymark.api.server.ServerSettings;
import org.waymark.api.server.WaymarkServer;
import org.waymark.fixtures.Folders;
import org.waymark.fixtures.RepositoryRoot;

/** Starts the real server on a free port for HTTP tests, with a fixed clock so answers do not drift. */
public final class TestServer implements AutoCloseable {
    public static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    /** The public URLs a server with trusted clients is configured with: the only JWT audiences it accepts. */
    public static final java.util.List<String> PUBLIC_URLS = java.util.List.of("https://waymark.test", "https://cds.waymark.test/base");

    private final WaymarkServer server;
    private final Path data;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestServer(WaymarkServer server, Path data) {
        this.server = server;
        this.data = data;
    }

    public static TestServer start() {
        return start(rules());
    }

    public static TestServer start(Path rulesDir) {
        return start(rulesDir, Map.of());
    }

    /** A server on {@code rulesDir} with an embedded store in a fresh temporary folder and the given admin tokens. */
    public static TestServer start(Path rulesDir, Map<String, String> adminTokens) {
        return start(rulesDir, adminTokens, java.util.Optional.empty(), java.util.Optional.empty());
    }

    /**
     * With trusted clients (JWT authentication on) and, optionally, a JDBC URL for the store. The evaluation deadline
     * is generous: tests assert answers, not speed, and CI is a loaded 2-core machine; the deadline test sets its own.
     */
    public static TestServer start(Path rulesDir, Map<String, String> adminTokens, java.util.Optional<Path> clients,
                                   java.util.Optional<String> databaseUrl) {
        return start(rulesDir, adminTokens, clients, databaseUrl, java.time.Duration.ofMinutes(2), java.util.List.of());
    }

    public static TestServer start(Path rulesDir, Map<String, String> adminTokens, java.util.Optional<Path> clients,
                                   java.util.Optional<String> databaseUrl, java.time.Duration deadline, java.util.List<String> corsOrigins) {
        return start(rulesDir, adminTokens, clients, databaseUrl, deadline, corsOrigins, clients.isEmpty());
    }

    /** With {@code devMode} chosen: with trusted clients too it keeps authentication on but allows plain-http key and FHIR URLs. */
    public static TestServer start(Path rulesDir, Map<String, String> adminTokens, java.util.Optional<Path> clients,
                                   java.util.Optional<String> databaseUrl, java.time.Duration deadline, java.util.List<String> corsOrigins,
                                   boolean devMode) {
        return start(rulesDir, AdminIdentity.operators(adminTokens), clients, databaseUrl, deadline, corsOrigins, devMode);
    }

    /** With named admin identities and their roles (author, safety officer, operator). */
    public static TestServer start(Path rulesDir, java.util.List<AdminIdentity> admins, java.util.Optional<Path> clients,
                                   java.util.Optional<String> databaseUrl, java.time.Duration deadline, java.util.List<String> corsOrigins,
                                   boolean devMode) {
        Path data;
        try {
            data = Files.createTempDirectory("waymark-test-data");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path pathways = rules().resolveSibling("pathways").resolve("definitions");
        ServerSettings settings = new ServerSettings(ServerSettings.Network.onPort(0), new ServerSettings.Sources(rulesDir, pathways, Map.of()),
                new ServerSettings.Store(data, databaseUrl, java.util.Optional.empty()),
                new ServerSettings.Clients(clients, clients.isPresent() ? PUBLIC_URLS : java.util.List.of(), devMode),
                ServerSettings.Limits.DEFAULTS.withDeadline(deadline), new ServerSettings.Cors(corsOrigins), admins, Clock.fixed(NOW, ZoneOffset.UTC));
        return new TestServer(WaymarkServer.create(settings).start(0), data);
    }

    public static Path rules() {
        return RepositoryRoot.rules();
    }

    public WaymarkServer server() {
        return server;
    }

    /** The JWT audience of a call to {@code path}: the first public URL plus the path. */
    public static String aud(String path) {
        return PUBLIC_URLS.get(0) + path;
    }

    public String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An admin call with a bearer token. */
    public HttpResponse<String> admin(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    @Override
    public void close() {
        server.stop();
        // The store is this server's alone (a new folder per start), so a test run leaves nothing in the temporary folder.
        try {
            Folders.delete(data);
        } catch (IOException e) {
            // Only a leftover then (a file still being closed by a store thread): not the test's outcome.
        }
    }
}
