package org.waymark.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.waymark.api.TestServer;
import org.waymark.api.http.Json;
import org.waymark.api.store.Database;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.Folders;

/**
 * One bad row never blocks the audit writer. Values the store would refuse (NUL, longer than the column)
 * are refused at the edge with a 400 naming the field; a row the store still refuses (here: a CHECK constraint the
 * test adds to the real table) goes to the dead-letter table, /health turns DEGRADED, and later calls are audited.
 */
class AuditDeadLetterTest {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final List<String> SCHEMAS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final String SERVICE = "/cds-services/proactive-care";

    @AfterAll
    static void dropSchemas() throws Exception {
        try (Connection c = DriverManager.getConnection(PG, "postgres", "")) {
            for (String schema : SCHEMAS) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    static Stream<Arguments> stores() throws Exception {
        String schema = "waymark_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG, "postgres", "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        SCHEMAS.add(schema);
        return Stream.of(Arguments.of("h2", "jdbc:h2:file:" + Folders.temporary("waymark-dead-letter").resolve("waymark")),
                Arguments.of("postgresql", PG + "?user=postgres&currentSchema=" + schema));
    }

    private static String call(String hookInstance) throws Exception {
        ObjectNode request = (ObjectNode) Json.MAPPER.readTree(CdsHooksRequests.fixture("frail-patient-view.json"));
        return request.put("hookInstance", hookInstance).toString();
    }

    private static long count(Database db, String sql) throws Exception {
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aRowTheStoreRefusesIsDeadLetteredAndTheNextCallsAreStillAudited(String kind, String url) throws Exception {
        try (TestServer server = TestServer.start(TestServer.rules(), Map.of(), Optional.empty(), Optional.of(url));
             Database db = Database.open(url, null, null)) {
            String poison = "refused-by-the-store-" + UUID.randomUUID();
            try (Connection c = db.connection()) {
                c.createStatement().execute("ALTER TABLE audit_event ADD CONSTRAINT test_refuses_one_row CHECK (hook_instance <> '" + poison + "')");
            }
            assertEquals("UP", TestServer.json(server.get("/health")).path("status").asText());

            HttpResponse<String> refusedRow = server.post(SERVICE, call(poison));
            assertEquals(200, refusedRow.statusCode(), "the entry is stored, as a dead letter, before the answer");
            JsonNode health = TestServer.json(server.get("/health"));
            assertEquals("DEGRADED", health.path("status").asText());
            assertEquals(1, health.path("auditDeadLetters").asLong());

            String next = "after-the-refused-row-" + UUID.randomUUID();
            assertEquals(200, server.post(SERVICE, call(next)).statusCode());
            assertEquals(1, count(db, "SELECT COUNT(*) FROM audit_event WHERE hook_instance = '" + next + "'"));
            assertEquals(0, count(db, "SELECT COUNT(*) FROM audit_event WHERE hook_instance = '" + poison + "'"));
            assertEquals(1, count(db, "SELECT COUNT(*) FROM audit_dead_letter"));
            try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT reason, entry FROM audit_dead_letter")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("SQLState 23"), rs.getString(1));
                JsonNode entry = Json.MAPPER.readTree(rs.getString(2));
                assertEquals(poison, entry.path("hookInstance").asText());
                assertEquals(64, entry.path("patientKey").asText().length(), "the keyed hash, as in the audit row");
                assertFalse(rs.getString(2).contains("frail-1"), "no patient identifier");
            }
        }
    }

    @Test
    void nulAndOverLongStoredValuesAre400NamingTheFieldAndNothingIsStored() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertRefused(server.post(SERVICE, call("nul\u0000here")), "hookInstance");
            assertRefused(server.post(SERVICE, call("x".repeat(201))), "hookInstance");
            assertEquals(200, server.post(SERVICE, call("x".repeat(200))).statusCode(), "the longest allowed value");
            ObjectNode badHook = (ObjectNode) Json.MAPPER.readTree(call(UUID.randomUUID().toString()));
            assertRefused(server.post(SERVICE, badHook.put("hook", "patient-view\u0000").toString()), "hook");

            JsonNode answered = TestServer.json(server.post(SERVICE, call(UUID.randomUUID().toString())));
            String card = answered.path("cards").get(0).path("uuid").asText();
            String reason = "\"reason\":{\"system\":\"https://waymark.example/fhir/CodeSystem/override-reason\",\"code\":\"patient-declined\"}";
            assertRefused(feedback(server, "\"card\":\"" + card + "\\u0000\""), "feedback[0].card");
            assertRefused(feedback(server, "\"card\":\"" + card + "\",\"overrideReason\":{" + reason + ",\"userComment\":\"" + "c".repeat(2001) + "\"}"),
                    "feedback[0].overrideReason.userComment");
            assertRefused(feedback(server, "\"card\":\"" + card + "\",\"overrideReason\":{\"reason\":{\"code\":\"a\\u0000b\"}}"),
                    "feedback[0].overrideReason.reason.code");
            assertEquals(0, server.server().auditTrail().deadLetters());
            HttpResponse<String> longest = feedback(server, "\"card\":\"" + card + "\",\"overrideReason\":{" + reason + ",\"userComment\":\""
                    + "c".repeat(2000) + "\"}");
            assertEquals(200, longest.statusCode(), longest.body());
            assertEquals(1, TestServer.json(longest).path("stored").asInt());
        }
    }

    private static HttpResponse<String> feedback(TestServer server, String fields) throws Exception {
        return server.post(SERVICE + "/feedback", "{\"feedback\":[{" + fields + ",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-24T10:06:00Z\"}]}");
    }

    private static void assertRefused(HttpResponse<String> r, String field) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(field, TestServer.json(r).path("issue").get(0).path("expression").get(0).asText(), r.body());
    }
}
