package org.waymark.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.fixtures.CdsHooksRequests;

/**
 * Release artefact: the archive {@code mvn package} builds, unpacked into an empty folder, starts with only a
 * Java runtime (no Maven, no sources, no repository paths), answers /health and a CDS Hooks call, and stops on SIGTERM;
 * its launcher screens a population.
 */
class ReleaseArchiveIT {
    /** How long start-up may take on a loaded machine; a bound on waiting, not an assertion about speed. */
    private static final Duration START_BOUND = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theUnpackedArchiveServesWithOnlyAJavaRuntime() throws Exception {
        Path home = unpack();
        Path launcher = home.resolve("bin/waymark");
        assertTrue(Files.isExecutable(launcher), "the launcher keeps its execute permission");
        assertTrue(Files.isRegularFile(home.resolve("docs/operations.md")));
        assertTrue(Files.isDirectory(home.resolve("pathways/definitions")));
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            assertTrue(jars.anyMatch(j -> j.getFileName().toString().startsWith("waymark-cli-")), "the libraries are in lib/");
        }

        int port = freePort();
        Path work = Files.createDirectories(dir.resolve("elsewhere"));
        ProcessBuilder serve = new ProcessBuilder(launcher.toString(), "serve", "--dev", "--port", Integer.toString(port),
                "--deadline", "PT1M", "--data", work.resolve("data").toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("launcher.log").toFile());
        onlyAJavaRuntime(serve.environment());
        Process server = serve.start();
        try {
            awaitHealthy(server, port);
            String body = CdsHooksRequests.fixture("frail-patient-view.json");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base(port) + "/cds-services/proactive-care?asOf=2026-11-24T10:00:00Z"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode cards = new ObjectMapper().readTree(answer.body()).path("cards");
            List<String> codes = cards.findValuesAsText("code");
            assertTrue(codes.contains("proactive-care.frailty-review"), answer.body());
        } finally {
            server.destroy();
            if (!server.waitFor(2, TimeUnit.MINUTES)) {
                server.destroyForcibly().waitFor();
            }
        }
        assertFalse(server.isAlive(), "SIGTERM stops the server");
        assertTrue(Files.readString(dir.resolve("launcher.log")).contains("Waymark listening"), Files.readString(dir.resolve("launcher.log")));
    }

    /**
     * {@code screen} runs with the launcher's JVM options for it (bin/jvm-options.sh: the parallel collector among them),
     * and still starts when JAVA_OPTS picks another collector, which the JVM would refuse beside a second one.
     */
    @Test
    void theLaunchersScreenRunsWithItsCollectorOrTheOneJavaOptsPicks() throws Exception {
        Path launcher = unpack().resolve("bin/waymark");
        Path work = Files.createDirectories(dir.resolve("elsewhere"));
        assertEquals(0, run(launcher, work, "", "generate", "--patients", "20", "--seed", "3", "--out", "in"), log());
        Map<String, String> collectorByJavaOpts = Map.of("-Xlog:gc", "Using Parallel", "-Xlog:gc -XX:+UseG1GC", "Using G1");
        for (Map.Entry<String, String> c : collectorByJavaOpts.entrySet()) {
            assertEquals(0, run(launcher, work, c.getKey(), "screen", "--input", "in", "--as-of", "2026-11-24", "--out", "out", "--ids", "real",
                    "--data", "data"), log());
            assertTrue(log().contains(c.getValue()), c.getKey() + ": " + log());
            assertTrue(log().contains("screened 20 patients"), log());
        }
    }

    /** The release archive unpacked into an empty folder: the installation's home. */
    private Path unpack() throws Exception {
        Path archive = Path.of(System.getProperty("waymark.archive"));
        assertTrue(Files.isRegularFile(archive), "built by mvn package: " + archive);
        Path install = dir.resolve("install");
        Files.createDirectories(install);
        assertEquals(0, new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", install.toString()).inheritIO().start().waitFor());
        try (Stream<Path> top = Files.list(install)) {
            return top.findFirst().orElseThrow();
        }
    }

    /** Runs the launcher in {@code work} with {@code javaOpts} as JAVA_OPTS, its output in the log; its exit code. */
    private int run(Path launcher, Path work, String javaOpts, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("launcher.log").toFile());
        onlyAJavaRuntime(pb.environment());
        pb.environment().put("JAVA_OPTS", javaOpts);
        Process p = pb.start();
        if (!p.waitFor(START_BOUND.toMinutes(), TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("did not finish within " + START_BOUND + ": " + log());
        }
        return p.exitValue();
    }

    /** No Maven, no Waymark settings, no class path: a Java runtime only. */
    private static void onlyAJavaRuntime(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("WAYMARK_") || k.startsWith("MAVEN") || k.equals("CLASSPATH") || k.equals("JAVA_OPTS"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PATH", "/usr/bin:/bin");
    }

    private void awaitHealthy(Process server, int port) throws Exception {
        long until = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() < until) {
            assertTrue(server.isAlive(), () -> "the server exited: " + log());
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base(port) + "/health")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Keep waiting within the bound.
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not healthy within " + START_BOUND + ": " + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("launcher.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
