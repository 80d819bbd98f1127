package org.waymark.api.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.waymark.api.server.Json;
import org.waymark.api.store.Database;
import org.waymark.fixtures.CdsHooksRequests;

/**
 * Issue 2.2: SIGTERM stops taking calls, answers and audits the calls in flight, flushes the audit trail, closes
 * the store and exits; a call that does not finish within the grace period does not keep the server up. The calls
 * are held in flight deterministically: each sends its headers with {@code Expect: 100-continue} and its body only
 * after the server has logged that it is stopping; the server's {@code 100 Continue} shows the call is being handled.
 */
@Tag("process")
class GracefulStopTest {
    private static final int IN_FLIGHT = 3;

    /** One raw HTTP/1.1 call whose body is held back. */
    private record HeldCall(Socket socket, String hookInstance, byte[] body) {
        static HeldCall open(int port, String hookInstance) throws IOException {
            ObjectNode request = (ObjectNode) Json.MAPPER.readTree(CdsHooksRequests.fixture("frail-patient-view.json"));
            byte[] body = request.put("hookInstance", hookInstance).toString().getBytes(StandardCharsets.UTF_8);
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(120_000);
            String head = "POST /cds-services/proactive-care?asOf=2026-11-24T10:00:00Z HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new HeldCall(socket, hookInstance, body);
        }

        /** Blocks until the server asks for the body: the call is in its hands. */
        void awaitContinue() throws IOException {
            String status = readLine(socket.getInputStream());
            assertTrue(status.startsWith("HTTP/1.1 100"), status);
            readLine(socket.getInputStream());
        }

        /** Sends the body and returns the final status line's code. */
        int finish() throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            socket.close();
            return Integer.parseInt(response.substring(9, 12));
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != -1 && b != '\n'; ) {
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }

    @Test
    void sigtermAnswersAndAuditsTheCallsInFlightThenExits() throws Exception {
        Path data = Files.createTempDirectory("waymark-sigterm");
        List<HeldCall> calls = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(data, "--shutdown-grace", "PT60S")) {
            for (int i = 0; i < IN_FLIGHT; i++) {
                calls.add(HeldCall.open(server.port(), "in-flight-" + UUID.randomUUID()));
            }
            for (HeldCall call : calls) {
                call.awaitContinue();
            }
            server.terminate();
            server.awaitLine(Pattern.compile("stopping: no new calls"), 60);
            for (HeldCall call : calls) {
                assertEquals(200, call.finish(), "a call in flight at SIGTERM is answered");
            }
            server.awaitLine(Pattern.compile("stopped: audit trail flushed and store closed"), 120);
            assertTrue(server.awaitExit(60), "the server exits once the calls are done");
        }
        try (Database db = Database.embedded(data); Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE hook_instance = ? AND outcome = 'ok'")) {
            for (HeldCall call : calls) {
                ps.setString(1, call.hookInstance());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "audited: " + call.hookInstance());
                }
            }
        }
    }

    @Test
    void aCallThatNeverFinishesDoesNotKeepTheServerUpPastTheGracePeriod() throws Exception {
        try (ServerProcess server = ServerProcess.start(Files.createTempDirectory("waymark-sigterm-stuck"), "--shutdown-grace", "PT1S")) {
            HeldCall stuck = HeldCall.open(server.port(), "never-finished-" + UUID.randomUUID());
            stuck.awaitContinue();
            server.terminate();
            server.awaitLine(Pattern.compile("stopped: audit trail flushed and store closed"), 120);
            assertTrue(server.awaitExit(60), "the grace period bounds the stop");
            stuck.socket().close();
        }
    }
}
