package org.waymark.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestClients;
import org.waymark.api.TestServer;
import org.waymark.fixtures.CdsHooksRequests;

/**
 * jku key URLs over real HTTP: one that redirects to another host is refused and the other host is never
 * asked (its key never accepted); one that never answers makes the tokens naming it fail after the fetch
 * timeout, is fetched once however many tokens name it, and leaves other clients' calls answered meanwhile.
 * Development mode lets these test servers use plain http; production requires https.
 */
class JkuFetchTest {
    private static final String PATH = "/cds-services/proactive-care";
    private static final String BODY = CdsHooksRequests.fixture("frail-patient-view.json");
    private static final String REDIRECTING = "https://redirecting.example";
    private static final String SLOW = "https://slow.example";
    private static final String HONEST = "https://honest.example";
    private static final AtomicInteger attackerRequests = new AtomicInteger();
    private static final AtomicInteger slowRequests = new AtomicInteger();
    private static final CountDownLatch slowStarted = new CountDownLatch(1);
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final List<HttpServer> keyServers = new ArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static ECKey attackerKey;
    private static ECKey honestKey;
    private static TestClients clients;
    private static TestServer server;
    private static URI redirectingJku;
    private static URI slowJku;
    private static URI honestJku;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        attackerKey = new ECKeyGenerator(Curve.P_384).keyID("k-1").generate();
        honestKey = new ECKeyGenerator(Curve.P_384).keyID("h-1").generate();
        URI attackerJku = serve(exchange -> {
            attackerRequests.incrementAndGet();
            respond(exchange, 200, new JWKSet(attackerKey.toPublicJWK()).toString());
        });
        redirectingJku = serve(exchange -> {
            exchange.getResponseHeaders().add("Location", attackerJku.toString());
            respond(exchange, 302, "");
        });
        slowJku = serve(exchange -> {
            slowRequests.incrementAndGet();
            slowStarted.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, new JWKSet(honestKey.toPublicJWK()).toString());
        });
        honestJku = serve(exchange -> respond(exchange, 200, new JWKSet(honestKey.toPublicJWK()).toString()));
        clients = TestClients.write(dir, "jwksTimeout: PT3S\n", "", "  - iss: " + REDIRECTING + "\n    jku: [" + redirectingJku + "]\n"
                + "  - iss: " + SLOW + "\n    jku: [" + slowJku + "]\n  - iss: " + HONEST + "\n    jku: [" + honestJku + "]\n");
        server = TestServer.start(TestServer.rules(), Map.of(), Optional.of(clients.file), Optional.empty(), Duration.ofSeconds(60), List.of(), true);
    }

    @AfterAll
    static void stop() {
        release.countDown();
        keyServers.forEach(s -> s.stop(0));
        server.close();
    }

    private static URI serve(HttpHandler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setExecutor(Executors.newCachedThreadPool());
        s.createContext("/jwks.json", handler);
        s.start();
        keyServers.add(s);
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/jwks.json");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static String token(String iss, URI jku, ECKey key) throws Exception {
        return TestClients.sign(TestClients.header(JWSAlgorithm.ES384, key.getKeyID()).jwkURL(jku).build(),
                TestClients.claims(PATH).issuer(iss).build(), new ECDSASigner(key));
    }

    private static CompletableFuture<HttpResponse<String>> call(String token) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(server.url(PATH))).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aJkuThatRedirectsToAnotherHostIsRefusedAndTheOtherHostNeverAsked() throws Exception {
        assertEquals(401, call(token(REDIRECTING, redirectingJku, attackerKey)).get(60, TimeUnit.SECONDS).statusCode());
        assertEquals(0, attackerRequests.get(), "the redirect was not followed");
        assertTrue(server.server().auditTrail().recent(100).stream()
                .anyMatch(e -> e.detail().orElse("").equals("client authentication: cannot fetch keys from jku")));
    }

    @Test
    void aJkuThatAnswersIsUsed() throws Exception {
        HttpResponse<String> r = call(token(HONEST, honestJku, honestKey)).get(60, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void aSlowJkuFailsItsTokensAndLeavesOtherCallsAnswered() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> forged = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            forged.add(call(token(SLOW, slowJku, new ECKeyGenerator(Curve.P_384).keyID("forged-" + i).generate())));
        }
        assertTrue(slowStarted.await(60, TimeUnit.SECONDS), "the slow key URL was asked");
        HttpResponse<String> normal = call(clients.token(PATH)).get(60, TimeUnit.SECONDS);
        assertEquals(200, normal.statusCode(), "another client's call is answered while the key fetch hangs: " + normal.body());
        for (CompletableFuture<HttpResponse<String>> f : forged) {
            assertEquals(401, f.get(60, TimeUnit.SECONDS).statusCode());
        }
        assertEquals(1, slowRequests.get(), "one fetch, however many tokens named the slow URL");
    }
}
