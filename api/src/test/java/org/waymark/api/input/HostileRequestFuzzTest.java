package org.waymark.api.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.waymark.api.TestServer;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.server.Json;
import org.waymark.fixtures.CdsHooksRequests;

/**
 * 10,000 hostile requests, built with a fixed seed by mutating valid ones (Waymark's fixtures and the CDS Hooks
 * 2.0.1 specification's examples), across every endpoint: discovery, each service, feedback, health, and admin with
 * and without a valid token. None may get a 5xx, and a valid call still works afterwards. FHIR server fetches point at
 * a closed loopback port so nothing leaves the machine; the deadline is long because this tests input, not speed.
 */
class HostileRequestFuzzTest {
    private static final long SEED = 20261124L;
    private static final int WORKERS = 4;
    private static final int REQUESTS_PER_WORKER = 2_500;
    private static final String TOKEN = "fuzz-admin-token";
    private static final Path EXAMPLES = Path.of("src/test/resources/cds-hooks-spec-examples");
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=UTF-8", "text/plain",
        "application/json; charset=no-such-charset", "application/json; charset=\"utf-16\"", "multipart/form-data; boundary=x", "*/*",
        "application/json; charset=", ";;;="};
    private static final String[] ODD_IDS = {"no-such-service", "%00", "..%2F..%2Fadmin", "x".repeat(3000), "proactive-care%20", "%E2%80%AE"};
    private static final String[] ADMIN_ROUTES = {"GET /admin/rule-sets", "POST /admin/rule-sets/reload", "POST /admin/rule-sets/{id}/activate",
        "POST /admin/rule-sets/{id}/rollback", "GET /admin/rule-sets/{id}/activations", "POST /admin/rule-sets/{id}/shadow",
        "DELETE /admin/rule-sets/{id}/shadow", "GET /admin/rule-sets/{id}/shadow", "GET /admin/feedback/acceptance"};
    private static final String[] HEALTH = {"/health", "/health/live", "/health/ready"};

    private record Service(String id, String hook) {
    }

    private record Sent(String what, int status) {
    }

    @Test
    void noHostileRequestGetsA5xxAndAValidCallStillWorks() throws Exception {
        try (TestServer server = TestServer.start(TestServer.rules(), Map.of("fuzz", AdminAuth.sha256(TOKEN)), java.util.Optional.empty(),
                java.util.Optional.empty(), Duration.ofSeconds(60), List.of())) {
            List<Service> services = new ArrayList<>();
            TestServer.json(server.get("/cds-services")).path("services").forEach(s -> services.add(new Service(s.path("id").asText(),
                    s.path("hook").asText())));
            assertTrue(services.size() >= 4, services.toString());
            String valid = CdsHooksRequests.fixture("frail-patient-view.json");
            String card = TestServer.json(server.post("/cds-services/proactive-care", valid)).path("cards").get(0).path("uuid").asText();
            Seeds seeds = new Seeds(valid, card);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
            List<Sent> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<String> dropped = Collections.synchronizedList(new ArrayList<>());
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                Random random = new Random(SEED + w);
                done.add(pool.submit(() -> {
                    Mutator mutator = new Mutator(random);
                    for (int i = 0; i < REQUESTS_PER_WORKER; i++) {
                        HostileRequest request = next(random, mutator, seeds, services, server);
                        HttpResponse<String> r = send(http, request, dropped);
                        sent.incrementAndGet();
                        if (r.statusCode() >= 400 && r.statusCode() < 500) {
                            refused.incrementAndGet();
                        }
                        if (r.statusCode() >= 500) {
                            failures.add(new Sent(request.what() + " -> " + r.body(), r.statusCode()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            System.out.printf("fuzz: %d requests, %d refused with 4xx, in %d ms; resent after a dropped keep-alive connection: %s%n", sent.get(),
                    refused.get(), (System.nanoTime() - started) / 1_000_000, dropped);

            assertEquals(WORKERS * REQUESTS_PER_WORKER, sent.get());
            assertTrue(failures.isEmpty(), failures.size() + " requests got a 5xx, e.g. " + failures.subList(0, Math.min(5, failures.size())));
            assertTrue(refused.get() > sent.get() / 2, "most requests are hostile enough to be refused: " + refused.get());
            HttpResponse<String> after = server.post("/cds-services/proactive-care", valid);
            assertEquals(200, after.statusCode(), after.body());
            assertTrue(after.body().contains("\"code\":\"proactive-care.frailty-review\""), after.body());
            assertEquals(200, server.get("/health/ready").statusCode());
        }
    }

    private record HostileRequest(String what, HttpRequest http) {
    }

    /**
     * Sends once more when a pooled keep-alive connection turns out closed (the server's idle timeout can close it
     * just as the client reuses it); a request that fails twice fails the test.
     */
    private static HttpResponse<String> send(HttpClient http, HostileRequest request, List<String> dropped) throws Exception {
        try {
            return http.send(request.http(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            dropped.add(request.what() + ": " + e.getMessage());
            return http.send(request.http(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HostileRequest next(Random random, Mutator mutator, Seeds seeds, List<Service> services, TestServer server) {
        int kind = random.nextInt(100);
        if (kind < 55) {
            Service s = services.get(random.nextInt(services.size()));
            String id = random.nextInt(20) == 0 ? ODD_IDS[random.nextInt(ODD_IDS.length)] : s.id();
            Mutator.Mutation m = mutator.mutate(seeds.request(random, s.hook()));
            String query = random.nextInt(8) == 0 ? "?asOf=" + URLEncoder.encode(seeds.asOf(random), StandardCharsets.UTF_8) : "";
            return post(random, server.url("/cds-services/" + id + query), m, "call " + id + " (" + m.kind() + ")", null);
        }
        if (kind < 70) {
            Service s = services.get(random.nextInt(services.size()));
            Mutator.Mutation m = mutator.mutate(seeds.feedback(random));
            return post(random, server.url("/cds-services/" + s.id() + "/feedback"), m, "feedback " + s.id() + " (" + m.kind() + ")", null);
        }
        if (kind < 75) {
            String query = random.nextBoolean() ? "" : "?x=" + URLEncoder.encode(mutator.mutate("{\"a\":1}").body(), StandardCharsets.UTF_8);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url("/cds-services" + query)));
            return new HostileRequest("discovery", random.nextBoolean() ? b.GET().build()
                    : b.method(random.nextBoolean() ? "PUT" : "DELETE", HttpRequest.BodyPublishers.ofString(mutator.mutate("{\"a\":1}").body())).build());
        }
        if (kind < 80) {
            String path = HEALTH[random.nextInt(HEALTH.length)];
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)));
            return new HostileRequest("health " + path, random.nextInt(4) > 0 ? b.GET().build()
                    : b.POST(HttpRequest.BodyPublishers.ofString(mutator.mutate("{\"a\":1}").body())).build());
        }
        String[] route = ADMIN_ROUTES[random.nextInt(ADMIN_ROUTES.length)].split(" ");
        String ruleSet = random.nextInt(4) == 0 ? ODD_IDS[random.nextInt(ODD_IDS.length)] : "proactive-care";
        String token = switch (random.nextInt(4)) {
            case 0, 1 -> "Bearer " + TOKEN;
            case 2 -> "Bearer wrong-" + random.nextInt(1000);
            default -> random.nextBoolean() ? "Basic Zm9vOmJhcg==" : "Bearer";
        };
        Mutator.Mutation m = mutator.mutate("{\"version\":\"1.0.0\"}");
        String uri = server.url(route[1].replace("{id}", ruleSet));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).header("Authorization", token);
        String what = "admin " + route[0] + " " + route[1] + " " + (token.endsWith(TOKEN) ? "with token" : "without token") + " (" + m.kind() + ")";
        return route[0].equals("GET") ? new HostileRequest(what, b.GET().build()) : post(random, uri, m, what, token);
    }

    private static HostileRequest post(Random random, String uri, Mutator.Mutation m, String what, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(120));
        String contentType = random.nextInt(5) == 0 ? CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)] : CONTENT_TYPES[0];
        b.header("Content-Type", contentType);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        String method = uri.contains("/shadow") && random.nextBoolean() ? "DELETE" : "POST";
        return new HostileRequest(what + " as " + contentType, b.method(method, HttpRequest.BodyPublishers.ofString(m.body())).build());
    }

    /** The valid bodies mutations start from. */
    private static final class Seeds {
        private final List<String> patientView = new ArrayList<>();
        private final List<String> orderSign = new ArrayList<>();
        private final List<String> discharge = new ArrayList<>();
        private final List<String> feedback = new ArrayList<>();

        Seeds(String frail, String card) throws Exception {
            String fit = CdsHooksRequests.fixture("fit-patient-view.json");
            patientView.add(frail);
            patientView.add(fit);
            patientView.add(closedFhirServer(example("02-patient-view-request-with-prefetch-and-fhirAuthorization.json")));
            patientView.add(closedFhirServer(example("28-request-with-extension.json")));
            ObjectNode withSpecPrefetch = (ObjectNode) Json.MAPPER.readTree(frail);
            ((ObjectNode) withSpecPrefetch.get("prefetch")).setAll((ObjectNode) Json.MAPPER.readTree(example("10-request-prefetch-data-searchset-SNIPPED.json")).get("prefetch"));
            ((ObjectNode) withSpecPrefetch.get("prefetch")).set("patient", Json.MAPPER.readTree(frail).at("/prefetch/patient"));
            patientView.add(withSpecPrefetch.toString());
            ObjectNode withAuth = (ObjectNode) Json.MAPPER.readTree(frail);
            withAuth.put("fhirServer", "http://127.0.0.1:1/fhir");
            withAuth.setAll((ObjectNode) Json.MAPPER.readTree(example("11-request-fhirAuthorization-object.json")));
            ((ObjectNode) withAuth.get("prefetch")).remove("conditions");
            patientView.add(withAuth.toString());

            ObjectNode sign = (ObjectNode) Json.MAPPER.readTree(frail);
            sign.put("hook", "order-sign");
            ((ObjectNode) sign.get("context")).setAll((ObjectNode) Json.MAPPER.readTree(example("07-context-order-select-draftOrders.json")).get("context"));
            orderSign.add(sign.toString());
            ObjectNode leave = (ObjectNode) Json.MAPPER.readTree(frail);
            leave.put("hook", "encounter-discharge");
            ((ObjectNode) leave.get("context")).put("encounterId", "frail-1-enc");
            discharge.add(leave.toString());

            for (String f : new String[] {"21-feedback-accepted-with-acceptedSuggestions.json", "22-feedback-overridden-no-reason.json",
                "23-feedback-overridden-with-overrideReason-and-comment.json"}) {
                feedback.add(example(f));
            }
            feedback.add("{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-24T10:00:00Z\"}]}");
        }

        String request(Random random, String hook) {
            List<String> own = switch (hook) {
                case "order-sign" -> orderSign;
                case "encounter-discharge" -> discharge;
                default -> patientView;
            };
            // Now and then a body meant for another hook.
            List<String> from = random.nextInt(10) == 0 ? patientView : own;
            return from.get(random.nextInt(from.size()));
        }

        String feedback(Random random) {
            return feedback.get(random.nextInt(feedback.size()));
        }

        String asOf(Random random) {
            String[] values = {"2026-11-24T10:00:00Z", "+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "2026-13-01T00:00:00Z", "yesterday", "", "2026-11-24"};
            return values[random.nextInt(values.length)];
        }

        private static String example(String name) throws Exception {
            return Files.readString(EXAMPLES.resolve(name));
        }

        /** The spec's FHIR server is on the internet; the fuzz must never leave the machine. */
        private static String closedFhirServer(String request) throws Exception {
            JsonNode root = Json.MAPPER.readTree(request);
            if (root.has("fhirServer")) {
                ((ObjectNode) root).put("fhirServer", "http://127.0.0.1:1/fhir");
            }
            return root.toString();
        }
    }
}
