package org.waymark.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load run against a Waymark server on this machine: at each concurrency level, that many
 * clients send the same patient-view request (with full prefetch) back to back for a fixed time, after a
 * warm-up. Prints throughput, client-observed p50/p99 latency, and server-side p50/p99 from the
 * {@code Server-Timing} header (parse, evaluate and serialise in the server, without the network and the
 * load generator's own CPU, which shares this machine's cores).
 * Only loopback targets are accepted; every run is bounded in time.
 *
 * <pre>java -cp ... org.waymark.bench.LoadGenerator URL REQUEST.json SECONDS CONCURRENCY...</pre>
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        if (!uri.getHost().equals("localhost") && !uri.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("load runs only against this machine (localhost or 127.x), not " + uri.getHost());
        }
        String body = Files.readString(Path.of(args[1]));
        int seconds = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // With WAYMARK_BENCH_KEY (a private EC JWK), every request carries a fresh ES384 client JWT, as an EHR's would.
        String keyFile = System.getenv("WAYMARK_BENCH_KEY");
        com.nimbusds.jose.jwk.JWK key = keyFile == null ? null : com.nimbusds.jose.jwk.JWK.parse(Files.readString(Path.of(keyFile)));
        java.util.function.Supplier<HttpRequest> request = () -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10));
            if (key != null) {
                b.header("Authorization", "Bearer " + jwt(key, uri.toString()));
            }
            return b.build();
        };
        run(client, request, 4, 5, false);
        System.out.println("concurrency  requests  errors  throughput/s   p50 ms   p99 ms   server p50   server p99");
        for (int i = 3; i < args.length; i++) {
            run(client, request, Integer.parseInt(args[i]), seconds, true);
        }
    }

    private static String jwt(com.nimbusds.jose.jwk.JWK key, String audience) {
        try {
            java.util.Date now = new java.util.Date();
            com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                    new com.nimbusds.jose.JWSHeader.Builder(key instanceof com.nimbusds.jose.jwk.RSAKey ? com.nimbusds.jose.JWSAlgorithm.RS384
                            : com.nimbusds.jose.JWSAlgorithm.ES384).keyID(key.getKeyID()).build(),
                    new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("https://bench.waymark.invalid").audience(audience).issueTime(now)
                            .expirationTime(new java.util.Date(now.getTime() + 300_000)).jwtID(java.util.UUID.randomUUID().toString()).build());
            jwt.sign(key instanceof com.nimbusds.jose.jwk.RSAKey rsa ? new com.nimbusds.jose.crypto.RSASSASigner(rsa)
                    : new com.nimbusds.jose.crypto.ECDSASigner(key.toECKey()));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(HttpClient client, java.util.function.Supplier<HttpRequest> request, int concurrency, int seconds, boolean print)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<long[]>> results = new ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<Double> server = new java.util.concurrent.ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            results.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    HttpRequest next = request.get();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = client.send(next, HttpResponse.BodyHandlers.ofString());
                    latencies[n++] = System.nanoTime() - t0;
                    if (r.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    r.headers().firstValue("Server-Timing").ifPresent(h -> server.add(Double.parseDouble(h.substring(h.indexOf("dur=") + 4))));
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            for (long l : f.get()) {
                all.add(l);
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        if (!print) {
            return;
        }
        all.sort(Long::compare);
        List<Double> s = new ArrayList<>(server);
        s.sort(Double::compare);
        System.out.printf(Locale.ROOT, "%11d  %8d  %6d  %12.0f  %7.2f  %7.2f  %11.2f  %11.2f%n", concurrency, all.size(), errors.get(),
                all.size() / elapsed, all.get(all.size() / 2) / 1e6, all.get(p99(all.size())) / 1e6,
                s.isEmpty() ? Double.NaN : s.get(s.size() / 2), s.isEmpty() ? Double.NaN : s.get(p99(s.size())));
    }

    private static int p99(int n) {
        return (int) Math.min(n - 1, Math.ceil(n * 0.99) - 1);
    }
}
