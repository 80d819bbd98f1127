package org.waymark.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.waymark.api.TestServer;
import org.waymark.api.audit.AuditEvent;
import org.waymark.api.audit.AuditQuery;
import org.waymark.api.audit.AuditSearch;
import org.waymark.api.audit.FeedbackStore;
import org.waymark.api.store.Database;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.Folders;

/**
 * Audit and feedback rows are written and read back on the embedded H2 store and on
 * PostgreSQL (127.0.0.1:5432, database test; .ci/run starts it), each run in a fresh schema.
 */
class AuditAndFeedbackTest {
    private static final List<String> SCHEMAS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.AfterAll
    static void dropSchemas() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            for (String schema : SCHEMAS) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    static Stream<Arguments> stores() throws Exception {
        Path h2 = Folders.temporary("waymark-audit-h2");
        String schema = "waymark_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        SCHEMAS.add(schema);
        return Stream.of(Arguments.of("h2", "jdbc:h2:file:" + h2.resolve("waymark")),
                Arguments.of("postgresql", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=" + schema));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void everyCallIsAuditedAndFeedbackIsLinkedToItsCard(String kind, String url) throws Exception {
        try (TestServer server = TestServer.start(TestServer.rules(), Map.of(), Optional.empty(), Optional.of(url))) {
            HttpResponse<String> answered = server.post("/cds-services/proactive-care", CdsHooksRequests.fixture("frail-patient-view.json"));
            JsonNode card = TestServer.json(answered).path("cards").get(0);
            String cardUuid = card.path("uuid").asText();
            String suggestion = card.path("suggestions").get(0).path("uuid").asText();
            assertEquals(400, server.post("/cds-services/proactive-care", "{\"hook\":").statusCode());

            String accepted = "{\"feedback\":[{\"card\":\"" + cardUuid + "\",\"outcome\":\"accepted\",\"acceptedSuggestions\":[{\"id\":\""
                    + suggestion + "\"}],\"outcomeTimestamp\":\"2026-11-24T10:05:00Z\"}]}";
            assertEquals(200, server.post("/cds-services/proactive-care/feedback", accepted).statusCode());
            String unknown = "{\"feedback\":[{\"card\":\"" + UUID.randomUUID() + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-24T10:06:00Z\"}]}";
            HttpResponse<String> notFound = server.post("/cds-services/proactive-care/feedback", unknown);
            assertEquals(404, notFound.statusCode());
            assertEquals("OperationOutcome", TestServer.json(notFound).path("resourceType").asText());
            String acceptedWithoutSuggestions = "{\"feedback\":[{\"card\":\"" + cardUuid + "\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-24T10:05:00Z\"}]}";
            assertEquals(400, server.post("/cds-services/proactive-care/feedback", acceptedWithoutSuggestions).statusCode());

            Database db = Database.open(url, null, null);
            assertEquals(kind, db.kind());
            List<AuditEvent> events = new AuditSearch(db).find(AuditQuery.newest(10));
            AuditEvent ok = events.stream().filter(e -> e.outcome().equals("ok")).findFirst().orElseThrow();
            assertEquals(List.of(cardUuid), ok.cardUuids());
            assertEquals(List.of("proactive-care.frailty-review"), ok.codes());
            assertEquals(List.of("proactive-care@1.0.0"), ok.ruleSetVersions());
            assertTrue(ok.ruleIds().contains("PC-FRAILTY-REVIEW"));
            assertEquals(64, ok.patientKey().orElseThrow().length(), "a keyed hash");
            assertFalse(ok.patientKey().orElseThrow().contains("frail-1"));
            assertTrue(events.stream().anyMatch(e -> e.outcome().equals("4xx") && e.status() == 400));

            List<FeedbackStore.Acceptance> acceptance = new FeedbackStore(db).acceptance();
            FeedbackStore.Acceptance frailty = acceptance.stream().filter(a -> a.code().equals("proactive-care.frailty-review")).findFirst().orElseThrow();
            assertEquals(1, frailty.issued());
            assertEquals(1, frailty.accepted());
            assertEquals(0, frailty.overridden());
            try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM card_feedback")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the unknown card stored nothing");
            }
        }
    }
}
