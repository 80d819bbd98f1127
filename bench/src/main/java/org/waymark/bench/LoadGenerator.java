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
 * warm-up ({@code WARMUP_SECONDS}, default 180, at the highest concurrency given: C2 is still compiling after a minute under load). Prints throughput, client-observed p50/p99 latency, and server-side p50/p99 from the
 * {@code Server-Timing} header (client authentication, parse, evaluation, audit commit and serialisation in the
 * server, without the network and the load generator's own CPU, which shares this machine's cores).
 * With client JWTs, every token is signed before the level's measured window ({@link PresignedTokens}), as many as
 * three times the fastest rate so far would use; a level that uses them all up ends early (and says so), and its
 * throughput is over the time it ran. With {@code WAYMARK_BENCH_SERVER_PID}
 * (and {@code CLK_TCK}), also the server's and this generator's CPU milliseconds per request ({@link ProcessCpu}).
 * With {@code WARMUP_ONLY=on} it stops after the warm-up (bench/run.sh then loads the windows with wrk).
 * Only loopback targets are accepted; every run is bounded in time.
 *
 * <pre>java -cp ... org.waymark.bench.LoadGenerator URL REQUEST.json SECONDS CONCURRENCY...</pre>
 */
public final class LoadGenerator {
    // Client tokens for a level: three times what the fastest level so far would use in its time, at least this many.
    private static final int MIN_TOKENS = 1_000;
    private static final int TOKEN_MARGIN = 3;
    private static final int WARM_UP_ROUND = 5;

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
        // With WAYMARK_BENCH_KEY (a private EC or RSA JWK), every request carries its own client JWT, as an EHR's would.
        String keyFile = System.getenv("WAYMARK_BENCH_KEY");
        PresignedTokens tokens = keyFile == null ? null
                : new PresignedTokens(com.nimbusds.jose.jwk.JWK.parse(Files.readString(Path.of(keyFile))), uri.toString());
        java.util.function.Supplier<HttpRequest> request = () -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10));
            if (tokens != null) {
                String token = tokens.take();
                if (token == null) {
                    return null;
                }
                b.header("Authorization", "Bearer " + token);
            }
            return b.build();
        };
        String serverPid = System.getenv("WAYMARK_BENCH_SERVER_PID");
        long ticks = Long.parseLong(System.getenv().getOrDefault("CLK_TCK", "100"));
        ProcessCpu serverCpu = serverPid == null ? null : new ProcessCpu(Long.parseLong(serverPid), ticks);
        ProcessCpu ownCpu = new ProcessCpu(ProcessHandle.current().pid(), ticks);
        // The JIT keeps compiling for a minute or more on 2 cores (12,000 classes), and a higher concurrency takes new paths
        // (session pools grow, locks contend): rounds of 5 s at the highest level's concurrency, tokens signed between them.
        int warmUpSeconds = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "180"));
        int warmUpConcurrency = 4;
        for (int i = 3; i < args.length; i++) {
            warmUpConcurrency = Math.max(warmUpConcurrency, Integer.parseInt(args[i]));
        }
        double fastest = 0;
        for (int round = 0; round * WARM_UP_ROUND < Math.max(warmUpSeconds, 1); round++) {
            presign(tokens, (int) Math.max(MIN_TOKENS, TOKEN_MARGIN * fastest * WARM_UP_ROUND), WARM_UP_ROUND);
            fastest = Math.max(fastest, run(client, request, warmUpConcurrency, WARM_UP_ROUND).rate());
        }
        System.out.printf(Locale.ROOT, "(warm-up: %d s at concurrency %d)%n", Math.max(warmUpSeconds, WARM_UP_ROUND), warmUpConcurrency);
        if ("on".equals(System.getenv("WARMUP_ONLY"))) {
            return; // another client (wrk, in bench/run.sh) loads the measured windows
        }
        System.out.println("concurrency  requests  errors  throughput/s   p50 ms   p99 ms   server p50   server p99"
                + "   server CPU ms/req   generator CPU ms/req");
        for (int i = 3; i < args.length; i++) {
            presign(tokens, (int) Math.max(MIN_TOKENS, TOKEN_MARGIN * fastest * seconds), seconds);
            double server0 = serverCpu == null ? Double.NaN : serverCpu.millis();
            double own0 = ownCpu.millis();
            Level level = run(client, request, Integer.parseInt(args[i]), seconds);
            double serverMs = serverCpu == null ? Double.NaN : serverCpu.millis() - server0;
            level.print(serverMs / level.requests(), (ownCpu.millis() - own0) / level.requests());
            fastest = Math.max(fastest, level.rate());
        }
    }

    private static void presign(PresignedTokens tokens, int count, int seconds) throws Exception {
        if (tokens != null) {
            double took = tokens.topUp(count);
            System.out.printf(Locale.ROOT, "(%d client tokens ready for the next %d s, signed in %.1f s before it)%n", count, seconds, took);
        }
    }

    /** One level's outcome: latencies sorted, in nanoseconds (client) and milliseconds (server). */
    private record Level(int concurrency, List<Long> latencies, List<Double> server, long errors, double elapsed, boolean ranOut) {
        int requests() {
            return latencies.size();
        }

        double rate() {
            return requests() / elapsed;
        }

        void print(double serverCpuPerRequest, double ownCpuPerRequest) {
            System.out.printf(Locale.ROOT, "%11d  %8d  %6d  %12.0f  %7.2f  %7.2f  %11.2f  %11.2f  %18.2f  %21.2f%s%n", concurrency,
                    requests(), errors, rate(), latencies.get(requests() / 2) / 1e6, latencies.get(p99(requests())) / 1e6,
                    server.isEmpty() ? Double.NaN : server.get(server.size() / 2), server.isEmpty() ? Double.NaN : server.get(p99(server.size())),
                    serverCpuPerRequest, ownCpuPerRequest, ranOut ? String.format(Locale.ROOT, "  (tokens ran out after %.1f s)", elapsed) : "");
        }
    }

    private static Level run(HttpClient client, java.util.function.Supplier<HttpRequest> request, int concurrency, int seconds)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean ranOut = new java.util.concurrent.atomic.AtomicBoolean();
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
                    if (next == null) {
                        ranOut.set(true);
                        break;
                    }
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
        all.sort(Long::compare);
        List<Double> s = new ArrayList<>(server);
        s.sort(Double::compare);
        return new Level(concurrency, all, s, errors.get(), elapsed, ranOut.get());
    }

    private static int p99(int n) {
        return (int) Math.min(n - 1, Math.ceil(n * 0.99) - 1);
    }
}
