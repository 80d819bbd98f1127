package org.waymark.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PollingTest {
    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Tue, 24 Nov 2026 09:01:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Tue, 24 Nov 2026 08:59:00 GMT", NOW), "a date in the past means now");
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("99999999999999999999999", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    }

    @Test
    void backOffDoublesUpToItsBoundAndHonoursTheServerWithinIt() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(1), b.next(0, Optional.empty()));
        assertEquals(Duration.ofSeconds(2), b.next(1, Optional.empty()));
        assertEquals(Duration.ofSeconds(16), b.next(4, Optional.empty()));
        assertEquals(Duration.ofSeconds(30), b.next(5, Optional.empty()));
        assertEquals(Duration.ofSeconds(30), b.next(400, Optional.empty()), "no overflow after many polls");
        assertEquals(Duration.ofSeconds(7), b.next(0, Optional.of(Duration.ofSeconds(7))), "the server's wait when it asks for one");
        assertEquals(Duration.ofSeconds(30), b.next(0, Optional.of(Duration.ofSeconds(120))), "but never longer than the bound");
        assertEquals(Duration.ofSeconds(1), b.next(0, Optional.of(Duration.ZERO)), "and never a busy loop");
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)));
    }

    @Test
    void theKickOffUrlCarriesTheLevelTypesAndSince() {
        var system = new ExportRequest(java.net.URI.create("https://fhir.example.nhs.uk/R4/"), ExportLevel.SYSTEM, Optional.empty(),
                java.util.List.of("Patient", "Condition"), Optional.of(NOW));
        assertEquals("https://fhir.example.nhs.uk/R4/$export?_outputFormat=application%2Ffhir%2Bndjson&_type=Patient%2CCondition"
                + "&_since=2026-11-24T09%3A00%3A00Z", system.kickOffUri().toString());
        var group = new ExportRequest(java.net.URI.create("https://fhir.example.nhs.uk/R4"), ExportLevel.GROUP, Optional.of("pcn-a"),
                java.util.List.of(), Optional.empty());
        assertEquals("https://fhir.example.nhs.uk/R4/Group/pcn-a/$export?_outputFormat=application%2Ffhir%2Bndjson", group.kickOffUri().toString());
        var patients = new ExportRequest(java.net.URI.create("http://localhost:8080/fhir"), ExportLevel.PATIENT, Optional.empty(),
                java.util.List.of(), Optional.empty());
        assertTrue(patients.kickOffUri().toString().startsWith("http://localhost:8080/fhir/Patient/$export?"));
        assertThrows(IllegalArgumentException.class, () -> new ExportRequest(java.net.URI.create("ftp://x/"), ExportLevel.SYSTEM,
                Optional.empty(), java.util.List.of(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ExportRequest(java.net.URI.create("http://x/"), ExportLevel.GROUP,
                Optional.empty(), java.util.List.of(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ExportRequest(java.net.URI.create("http://x/"), ExportLevel.SYSTEM,
                Optional.empty(), java.util.List.of("../etc"), Optional.empty()));
    }

    @Test
    void aManifestIsReadAndRefusesFileTypesThatWouldEscapeTheFolder() {
        Manifest m = Manifest.parse("{\"transactionTime\":\"2026-11-24T10:00:00.123+01:00\",\"requiresAccessToken\":true,"
                + "\"output\":[{\"type\":\"Patient\",\"url\":\"https://x/f/1\",\"count\":3},{\"type\":\"Patient\",\"url\":\"https://x/f/2\"}],"
                + "\"error\":[{\"type\":\"OperationOutcome\",\"url\":\"https://x/f/3\"}]}");
        assertEquals(Instant.parse("2026-11-24T09:00:00.123Z"), m.transactionTime());
        assertTrue(m.requiresAccessToken());
        assertEquals(java.util.List.of("Patient.ndjson", "Patient.2.ndjson"), java.util.List.copyOf(BulkExport.names(m.output()).keySet()));
        assertEquals(1, m.error().size());
        var bad = assertThrows(BulkExportException.class, () -> Manifest.parse("{\"transactionTime\":\"2026-11-24T10:00:00Z\","
                + "\"output\":[{\"type\":\"../../x\",\"url\":\"https://x/f/1\"}]}"));
        assertTrue(bad.getMessage().contains("not a FHIR resource type"), bad.getMessage());
        assertThrows(BulkExportException.class, () -> Manifest.parse("not json"));
        assertThrows(BulkExportException.class, () -> Manifest.parse("{\"output\":[]}"));
    }

    @Test
    void anOperationOutcomeBecomesItsIssueText() {
        String outcome = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-supported\","
                + "\"diagnostics\":\"Unknown resource type: Foo\"}]}";
        assertEquals("the export failed: HTTP 400: Unknown resource type: Foo", BulkHttp.failure("the export failed", 400, outcome).getMessage());
        assertEquals("the export failed: HTTP 500", BulkHttp.failure("the export failed", 500, "").getMessage());
    }
}
