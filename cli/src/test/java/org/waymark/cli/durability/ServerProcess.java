package org.waymark.cli.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.waymark.api.TestServer;

/**
 * {@code waymark serve} as a separate JVM on the test classpath, as an operator runs it, so a test can
 * SIGTERM it or kill -9 it. Its output is collected so the test can wait for what it logs.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on https?://[^ ]*:(\\d+) ");
    private static final long START_SECONDS = 180;

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final int port;

    private ServerProcess(Process process) throws Exception {
        this.process = process;
        Thread reader = new Thread(this::read, "server-output");
        reader.setDaemon(true);
        reader.start();
        this.port = Integer.parseInt(awaitLine(LISTENING, START_SECONDS).group(1));
    }

    /** Starts the server in development mode on a free port with the embedded store in {@code data}, plus {@code options}. */
    static ServerProcess start(Path data, String... options) throws Exception {
        Path rules = TestServer.rules();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "org.waymark.cli.Main",
                "serve", "--dev", "--port", "0", "--rules", rules.toString(), "--pathways", rules.resolveSibling("pathways").resolve("definitions").toString(),
                "--data", data.toString(),
                // A loaded CI machine must not turn calls into deadline 503s: these tests are about what is stored.
                "--deadline", "PT60S"));
        command.addAll(List.of(options));
        return new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** Waits for an output line matching {@code pattern}; fails with the output so far if the process ends or time runs out. */
    Matcher awaitLine(Pattern pattern, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    Matcher m = pattern.matcher(lines.get(seen));
                    if (m.find()) {
                        return m;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0 || (!process.isAlive() && seen == lines.size())) {
                    throw new AssertionError("no output line matching '" + pattern + "'; output:\n" + String.join("\n", lines));
                }
                lines.wait(Math.min(left, 200));
            }
        }
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** SIGTERM, as a service manager stops the server (through the handle: Process.destroy() would also close its output). */
    void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    boolean awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
