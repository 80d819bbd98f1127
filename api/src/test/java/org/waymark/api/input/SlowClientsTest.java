package org.waymark.api.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.waymark.api.server.Endpoint;
import org.waymark.api.server.WaymarkServer;
import org.waymark.fixtures.CdsHooksRequests;

/**
 * 300 clients that send a request's headers and then stall, some after part of the body, some before it; a
 * normal call still gets its answer, and the server closes every stalled connection itself (idle timeout).
 */
class SlowClientsTest {
    private static final int SLOW_CLIENTS = 300;

    @Test
    void stalledBodiesDoNotMakeTheServerUnreachable() throws Exception {
        WaymarkServer server = Servers.start(new Endpoint(Endpoint.LOOPBACK, 0, Duration.ofSeconds(2), Optional.empty()));
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                OutputStream out = s.getOutputStream();
                out.write(("POST /cds-services/proactive-care HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                if (i % 2 == 0) {
                    out.write("{\"hookInstance\":".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
                slow.add(s);
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(60)).build();
            HttpResponse<String> normal = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/cds-services/proactive-care"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(CdsHooksRequests.fixture("frail-patient-view.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, normal.statusCode(), normal.body());
            for (Socket s : slow) {
                s.setSoTimeout(60_000);
                String answer = RawHttp.readAll(s.getInputStream());
                // Closed by the server: either silently or with a 4xx, never a served request.
                assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 4"), answer);
            }
        } finally {
            for (Socket s : slow) {
                close(s);
            }
            server.stop();
        }
    }

    @Test
    void aTrickledBodyIsCutOffWith408() throws Exception {
        WaymarkServer server = Servers.start(new Endpoint(Endpoint.LOOPBACK, 0, Duration.ofSeconds(2), Optional.empty()));
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /cds-services/proactive-care HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // One byte every 100 ms, well under the minimum rate but often enough that the idle timeout never fires.
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 600; i++) {
                        Thread.sleep(100);
                        out.write(' ');
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // Cut off by the server, as expected.
                }
            });
            trickle.start();
            String statusLine = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            trickle.interrupt();
            assertEquals("HTTP/1.1 408", statusLine);
        } finally {
            server.stop();
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already closed by the server.
        }
    }
}
