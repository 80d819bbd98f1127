package org.waymark.api.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.waymark.api.TestServer;
import org.waymark.api.TestServerExtension;
import org.waymark.api.http.Json;
import org.waymark.fixtures.CdsHooksRequests;

/** Bad input: each of these is a 4xx naming what was wrong. */
class BadInputTest {
    private static final String SERVICE = "/cds-services/proactive-care";
    private static final String FEEDBACK = SERVICE + "/feedback";
    private static final String VALID = CdsHooksRequests.fixture("frail-patient-view.json");

    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.of(
            () -> TestServer.start(TestServer.rules(), Map.of("ops", org.waymark.api.admin.AdminAuth.sha256("secret-token"))));

    @Test
    void theValidRequestIsAnswered() throws Exception {
        assertEquals(200, server.post(SERVICE, VALID).statusCode());
    }

    @Test
    void trailingBraceAfterAValidRequestIsRefused() throws Exception {
        assertRefused(server.post(SERVICE, VALID + "}"), 400, "trailing");
    }

    @Test
    void trailingTextAfterAValidRequestIsRefused() throws Exception {
        assertRefused(server.post(SERVICE, VALID + " and more"), 400, "JSON");
        assertRefused(server.post(SERVICE, VALID + VALID), 400, "trailing");
    }

    @Test
    void trailingWhitespaceIsStillValid() throws Exception {
        assertEquals(200, server.post(SERVICE, VALID + " \n\t ").statusCode());
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        String twice = VALID.replaceFirst("\"hook\" : \"patient-view\",", "\"hook\" : \"patient-view\", \"hook\" : \"order-sign\",");
        assertTrue(twice.length() > VALID.length(), "the fixture has the expected shape");
        assertRefused(server.post(SERVICE, twice), 400, "duplicate field 'hook'");
    }

    @Test
    void duplicateKeysAnywhereInPrefetchAreRefused() throws Exception {
        // Deep in a resource the facts read, in a Bundle entry, and in a prefetch key the service does not read at all.
        String inPatient = VALID.replaceFirst("\"gender\" : \"female\",", "\"gender\" : \"female\", \"gender\" : \"male\",");
        assertRefused(server.post(SERVICE, inPatient), 400, "duplicate field 'gender'");
        String inCoding = VALID.replaceFirst("\"code\" : \"active\"", "\"code\" : \"active\", \"code\" : \"active\"");
        assertRefused(server.post(SERVICE, inCoding), 400, "duplicate field 'code'");
        String unread = VALID.replaceFirst("\"prefetch\" : \\{", "\"prefetch\" : { \"notAKey\" : { \"a\" : [ { \"b\" : 1, \"b\" : 2 } ] },");
        assertRefused(server.post(SERVICE, unread), 400, "duplicate field 'b'");
        String nested = VALID.replaceFirst("\"userId\"", "\"deep\" : { \"x\" : { \"y\" : 1 }, \"x\" : 2 }, \"userId\"");
        assertRefused(server.post(SERVICE, nested), 400, "duplicate field 'x'");
    }

    @Test
    void aWideObjectIsCheckedForDuplicatesPastItsFirstNames() throws Exception {
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            wide.append("\"m").append(i).append("\" : ").append(i).append(", ");
        }
        String fine = VALID.replaceFirst("\"gender\" : \"female\",", wide + "\"gender\" : \"female\",");
        assertEquals(200, server.post(SERVICE, fine).statusCode(), "forty distinct unknown members are tolerated");
        String twice = VALID.replaceFirst("\"gender\" : \"female\",", wide + "\"m3\" : 0, \"gender\" : \"female\",");
        assertRefused(server.post(SERVICE, twice), 400, "duplicate field 'm3'");
        String sameNamesApart = VALID.replaceFirst("\"gender\" : \"female\",", "\"extra\" : [ { \"m1\" : 1 }, { \"m1\" : 1 } ], \"gender\" : \"female\",");
        assertEquals(200, server.post(SERVICE, sameNamesApart).statusCode(), "one name in two objects is no duplicate");
    }

    @Test
    void escapedNulInAStringIsRefused() throws Exception {
        String nul = VALID.replace("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "d1577c69\\u0000");
        assertRefused(server.post(SERVICE, nul), 400, "NUL");
    }

    @Test
    void escapedNulInAFieldNameIsRefused() throws Exception {
        String nul = VALID.replace("\"userId\"", "\"user\\u0000Id\"");
        assertRefused(server.post(SERVICE, nul), 400, "NUL");
    }

    @Test
    void rawNulIsRefused() throws Exception {
        String nul = VALID.replace("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "d1577c69\u0000");
        assertRefused(server.post(SERVICE, nul), 400, "JSON");
    }

    @Test
    void anEscapedBackslashBeforeU0000IsOrdinaryText() throws Exception {
        String text = VALID.replace("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "d1577c69\\\\u0000");
        assertEquals(200, server.post(SERVICE, text).statusCode());
    }

    @Test
    void bundleEntryWithNullResourceIsRefused() throws Exception {
        assertRefused(server.post(SERVICE, withFirstObservationEntryResource("null")), 400, "resource");
    }

    @Test
    void bundleEntryWithStringResourceIsRefused() throws Exception {
        assertRefused(server.post(SERVICE, withFirstObservationEntryResource("\"Observation/1\"")), 400, "resource");
    }

    @Test
    void efiValueBeyondDoubleRangeIsRefusedOrIgnoredButNeverAnError() throws Exception {
        for (String value : new String[] {"\"1e309\"", "1e309", "-1e309"}) {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(VALID);
            ((ObjectNode) root.at("/prefetch/observations/entry/0/resource/valueQuantity")).set("value", Json.MAPPER.readTree(value));
            HttpResponse<String> r = server.post(SERVICE, root.toString());
            assertTrue(r.statusCode() == 200 || r.statusCode() == 400, value + " -> " + r.statusCode() + " " + r.body());
            if (r.statusCode() == 400) {
                assertTrue(r.body().contains("value"), r.body());
            }
        }
    }

    @Test
    void asOfOutsideCalendarYearsIsRefused() throws Exception {
        for (String asOf : new String[] {"+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "+1000000001-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
            assertRefused(server.post(SERVICE + "?asOf=" + asOf, VALID), 400, "asOf");
        }
    }

    @Test
    void asOfAtTheEdgesOfFourDigitYearsIsEvaluated() throws Exception {
        for (String asOf : new String[] {"9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"}) {
            HttpResponse<String> r = server.post(SERVICE + "?asOf=" + asOf, VALID);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 400 && !r.body().contains("asOf"), asOf + " -> " + r.body());
        }
    }

    @Test
    void unknownCharsetIsRefused() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(SERVICE)))
                .header("Content-Type", "application/json; charset=no-such-charset").POST(HttpRequest.BodyPublishers.ofString(VALID)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(r, 415, "no-such-charset");
    }

    @Test
    void knownCharsetIsAccepted() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(SERVICE)))
                .header("Content-Type", "application/json; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(VALID)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void aBodyInTheCharsetItNamesIsRead() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(SERVICE)))
                .header("Content-Type", "application/json; charset=UTF-16").POST(HttpRequest.BodyPublishers.ofString(VALID,
                        java.nio.charset.StandardCharsets.UTF_16)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("proactive-care.frailty-review"), r.body());
    }

    @Test
    void badChunkSizeIsRefused() throws Exception {
        String head = "POST " + SERVICE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n";
        String response = RawHttp.exchange(port(), head + "zz\r\n{}\r\n0\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
    }

    @Test
    void aBodyWithoutContentLengthIsReadAsWellAsOneWithIt() throws Exception {
        String head = "POST " + SERVICE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n";
        byte[] body = VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sized = RawHttp.exchange(port(), head + "Content-Length: " + body.length + "\r\n\r\n" + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(sized.startsWith("HTTP/1.1 200") && sized.contains("\"cards\""), sized);
        int half = body.length / 2;
        String chunked = head + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(half) + "\r\n"
                + new String(body, 0, half, java.nio.charset.StandardCharsets.ISO_8859_1) + "\r\n" + Integer.toHexString(body.length - half) + "\r\n"
                + new String(body, half, body.length - half, java.nio.charset.StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n";
        String answer = RawHttp.exchange(port(), chunked);
        assertTrue(answer.startsWith("HTTP/1.1 200") && answer.contains("\"cards\""), answer);
    }

    @Test
    void aBodyShorterThanItsContentLengthIsNeverServed() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port())) {
            socket.setSoTimeout(30_000);
            byte[] body = VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST " + SERVICE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (body.length + 100) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            socket.shutdownOutput(); // the client is done: 100 bytes will never come
            String answer = RawHttp.readAll(socket.getInputStream());
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 4"), answer);
        }
    }

    @Test
    void headersOverTheLimitAreRefusedAndHeadersUnderItAreServed() throws Exception {
        String over = RawHttp.exchange(port(), "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                + "x".repeat(17 * 1024) + "\r\nConnection: close\r\n\r\n");
        assertTrue(over.startsWith("HTTP/1.1 431"), over);
        String under = RawHttp.exchange(port(), "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                + "x".repeat(12 * 1024) + "\r\nConnection: close\r\n\r\n");
        assertTrue(under.startsWith("HTTP/1.1 200"), under);
    }

    @Test
    void feedbackWithTrailingContentIsRefused() throws Exception {
        String body = "{\"feedback\":[{\"card\":\"" + java.util.UUID.randomUUID() + "\",\"outcome\":\"overridden\","
                + "\"outcomeTimestamp\":\"2026-11-24T10:00:00Z\"}]}";
        assertRefused(server.post(FEEDBACK, body + "}"), 400, "trailing");
        assertRefused(server.post(FEEDBACK, body.replace("{\"card\"", "{\"outcome\":\"accepted\",\"card\"")), 400, "duplicate");
    }

    @Test
    void feedbackValuesLongerThanTheirColumnsAreRefused() throws Exception {
        String card = TestServer.json(server.post(SERVICE, VALID)).path("cards").get(0).path("uuid").asText();
        String reason = "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-24T10:00:00Z\","
                + "\"overrideReason\":{\"reason\":{\"code\":\"%s\",\"system\":\"%s\"},\"userComment\":\"%s\"}}]}";
        assertRefused(server.post(FEEDBACK, reason.formatted("x".repeat(201), "s", "c")), 400, "overrideReason.reason.code");
        assertRefused(server.post(FEEDBACK, reason.formatted("c", "s".repeat(301), "c")), 400, "overrideReason.reason.system");
        assertRefused(server.post(FEEDBACK, reason.formatted("c", "s", "u".repeat(2001))), 400, "overrideReason.userComment");
        String card37 = "{\"feedback\":[{\"card\":\"" + "c".repeat(37) + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-24T10:00:00Z\"}]}";
        assertRefused(server.post(FEEDBACK, card37), 400, "card");
        HttpResponse<String> atLimit = server.post(FEEDBACK, reason.formatted("x".repeat(200), "s".repeat(300), "u".repeat(2000)));
        assertEquals(200, atLimit.statusCode(), atLimit.body());
    }

    @Test
    void adminBodyIsStrictToo() throws Exception {
        HttpResponse<String> r = server.admin("POST", "/admin/rule-sets/proactive-care/activate", "secret-token", "{\"version\":\"1.0.0\"}}");
        assertRefused(r, 400, "trailing");
    }

    private static String withFirstObservationEntryResource(String json) throws Exception {
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(VALID);
        ((ObjectNode) root.at("/prefetch/observations/entry/0")).set("resource", Json.MAPPER.readTree(json));
        return root.toString();
    }

    private static void assertRefused(HttpResponse<String> r, int status, String named) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode outcome = TestServer.json(r);
        assertEquals("OperationOutcome", outcome.path("resourceType").asText(), r.body());
        assertTrue(outcome.toString().contains(named), "names '" + named + "': " + r.body());
    }

    private static int port() {
        return server.server().server().port();
    }
}
