package org.waymark.cli.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.waymark.api.http.Json;
import org.waymark.api.store.Database;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.Folders;

/**
 * kill -9 under load leaves no answered call without its audit row and no acknowledged feedback
 * without its row, on the default embedded H2 store and on PostgreSQL. The server runs as its own JVM; a few
 * clients call it and send feedback for a couple of seconds, then it is killed while calls are in flight.
 */
@Tag("process")
class AuditCrashTest {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final int CLIENTS = 6;
    private static final long LOAD_MILLIS = 2000;
    private static final long MAX_LOAD_SECONDS = 120;
    private static final int MIN_CALLS = 50;
    private static final int MIN_FEEDBACK = 10;

    /** What the clients were told: hookInstances answered 200, cards whose feedback was acknowledged 200. */
    private record Acknowledged(Set<String> calls, Set<String> feedback) {
    }

    @Test
    void killNineOnTheEmbeddedStoreLosesNoAnsweredCallOrFeedback() throws Exception {
        Path data = Folders.temporary("waymark-kill-h2");
        Acknowledged acknowledged;
        try (ServerProcess server = ServerProcess.start(data)) {
            acknowledged = loadThenKill(server);
        }
        try (Database db = Database.embedded(data)) {
            assertAllStored(db, acknowledged);
        }
    }

    @Test
    void killNineOnPostgresqlLosesNoAnsweredCallOrFeedback() throws Exception {
        String schema = "waymark_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG, "postgres", "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        String url = PG + "?user=postgres&currentSchema=" + schema;
        try {
            Acknowledged acknowledged;
            try (ServerProcess server = ServerProcess.start(Folders.temporary("waymark-kill-pg"), "--database-url", url)) {
                acknowledged = loadThenKill(server);
            }
            try (Database db = Database.open(url, null, null)) {
                assertAllStored(db, acknowledged);
            }
        } finally {
            try (Connection c = DriverManager.getConnection(PG, "postgres", "")) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static Acknowledged loadThenKill(ServerProcess server) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        String template = CdsHooksRequests.fixture("frail-patient-view.json");
        Set<String> calls = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<String> feedback = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        java.util.Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> {
                while (running.get()) {
                    try {
                        String hookInstance = UUID.randomUUID().toString();
                        ObjectNode request = (ObjectNode) Json.MAPPER.readTree(template);
                        HttpResponse<String> r = post(http, server.url("/cds-services/proactive-care?asOf=2026-11-24T10:00:00Z"), request.put("hookInstance", hookInstance).toString());
                        statuses.merge(r.statusCode(), 1, Integer::sum);
                        if (r.statusCode() != 200) {
                            continue;
                        }
                        calls.add(hookInstance);
                        JsonNode cards = Json.MAPPER.readTree(r.body()).path("cards");
                        String card = cards.get(0).path("uuid").asText();
                        String body = "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-24T10:06:00Z\"}]}";
                        if (post(http, server.url("/cds-services/proactive-care/feedback"), body).statusCode() == 200) {
                            feedback.add(card);
                        }
                    } catch (Exception e) {
                        // In flight when the server died: not answered, so nothing is owed.
                    }
                }
                return null;
            });
        }
        // Load until enough calls and feedback were acknowledged (a cold JVM on a loaded machine starts slowly), a little more, then kill.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_LOAD_SECONDS);
        while ((calls.size() < MIN_CALLS || feedback.size() < MIN_FEEDBACK) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        Thread.sleep(LOAD_MILLIS);
        server.kill();
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(calls.size() >= MIN_CALLS, "the load ran: " + calls.size() + " answered calls; statuses " + statuses);
        assertTrue(feedback.size() >= MIN_FEEDBACK, "feedback ran: " + feedback.size());
        return new Acknowledged(Set.copyOf(calls), Set.copyOf(feedback));
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAllStored(Database db, Acknowledged acknowledged) throws Exception {
        Set<String> audited = column(db, "SELECT hook_instance FROM audit_event WHERE outcome = 'ok'");
        Set<String> missingCalls = new HashSet<>(acknowledged.calls());
        missingCalls.removeAll(audited);
        assertEquals(Set.of(), missingCalls, "answered calls without an audit row, of " + acknowledged.calls().size());
        Set<String> stored = column(db, "SELECT card_uuid FROM card_feedback");
        Set<String> missingFeedback = new HashSet<>(acknowledged.feedback());
        missingFeedback.removeAll(stored);
        assertEquals(Set.of(), missingFeedback, "acknowledged feedback without its row, of " + acknowledged.feedback().size());
    }

    private static Set<String> column(Database db, String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
