package org.waymark.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.waymark.api.TestClients;
import org.waymark.api.TestServer;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.Folders;

/**
 * A token used once is refused after the server restarts on the same store (H2 file and PostgreSQL), and by a second
 * server running on the same store: seen jtis are persisted, and the store decides the first use.
 */
class ReplayAfterRestartTest {
    private static final String PATH = "/cds-services/proactive-care";
    private static final List<String> SCHEMAS = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @AfterAll
    static void dropSchemas() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            for (String schema : SCHEMAS) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    static Stream<Arguments> stores() throws Exception {
        Path h2 = Folders.temporary("waymark-replay-h2");
        String schema = "waymark_replay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        SCHEMAS.add(schema);
        return Stream.of(Arguments.of("h2", "jdbc:h2:file:" + h2.resolve("waymark")),
                Arguments.of("postgresql", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=" + schema));
    }

    private static TestServer start(TestClients clients, String url) {
        return TestServer.start(TestServer.rules(), Map.of(), Optional.of(clients.file), Optional.of(url), Duration.ofSeconds(60), List.of());
    }

    private static int call(TestServer server, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(PATH))).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(CdsHooksRequests.fixture("frail-patient-view.json")))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aTokenUsedBeforeARestartIsRefusedAfterIt(String kind, String url) throws Exception {
        TestClients clients = TestClients.write(dir, "", "", "");
        String token = clients.token(PATH);
        try (TestServer first = start(clients, url)) {
            assertEquals(200, call(first, token));
        }
        try (TestServer second = start(clients, url)) {
            assertEquals(401, call(second, token), "replayed after the restart");
            assertTrue(second.server().auditTrail().recent(10).stream()
                    .anyMatch(e -> e.detail().orElse("").equals("client authentication: jti replayed")));
            assertEquals(200, call(second, clients.token(PATH)), "a new token is still accepted");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aTokenUsedOnOneServerIsRefusedByAnotherOnTheSameStore(String kind, String url) throws Exception {
        TestClients clients = TestClients.write(dir, "", "", "");
        String token = clients.token(PATH);
        try (TestServer first = start(clients, url); TestServer second = start(clients, url)) {
            assertEquals(200, call(first, token));
            assertEquals(401, call(second, token), "replayed on the other server");
            assertEquals(401, call(first, token), "replayed on the same server");
            String next = clients.token(PATH);
            assertEquals(200, call(second, next));
            assertEquals(401, call(first, next));
        }
    }
}
