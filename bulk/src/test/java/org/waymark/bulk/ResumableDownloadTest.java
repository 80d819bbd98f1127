package org.waymark.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming and restarting downloads, against a tiny file server that can honour or ignore Range requests. */
class ResumableDownloadTest {
    private static final byte[] FILE = "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n{\"resourceType\":\"Patient\",\"id\":\"b\"}\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    private HttpServer server;
    private boolean honourRange = true;
    /** Each request as "path range-header-or-none". */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ResumableDownload download = new ResumableDownload(new BulkHttp(HttpClient.newHttpClient(), Optional.empty()));

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/", this::file);
        server.createContext("/missing", e -> send(e, 404, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"diagnostics\":\"Binary/x is gone\"}]}"
                .getBytes(StandardCharsets.UTF_8)));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void file(HttpExchange e) throws IOException {
        String range = e.getRequestHeaders().getFirst("Range");
        requests.add(e.getRequestURI().getPath() + " " + (range == null ? "none" : range));
        if (range != null && honourRange) {
            int from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            if (from >= FILE.length) {
                send(e, 416, new byte[0]);
                return;
            }
            e.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (FILE.length - 1) + "/" + FILE.length);
            send(e, 206, java.util.Arrays.copyOfRange(FILE, from, FILE.length));
            return;
        }
        send(e, 200, FILE);
    }

    private static void send(HttpExchange e, int status, byte[] body) throws IOException {
        e.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(body);
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aPartlyDownloadedFileIsContinuedFromWhereItStopped() throws Exception {
        Path target = tmp.resolve("Patient.ndjson");
        Files.write(ResumableDownload.partOf(target), java.util.Arrays.copyOf(FILE, 20));

        long received = download.fetch(url("/files/1"), target, false);

        assertEquals(List.of("/files/1 bytes=20-"), requests);
        assertEquals(FILE.length - 20, received, "only the rest was sent");
        assertEquals(new String(FILE, StandardCharsets.UTF_8), Files.readString(target));
        assertFalse(Files.exists(ResumableDownload.partOf(target)));
    }

    @Test
    void aServerThatIgnoresTheRangeGivesAWholeFileNotAnAppendedOne() throws Exception {
        honourRange = false;
        Path target = tmp.resolve("Patient.ndjson");
        Files.write(ResumableDownload.partOf(target), java.util.Arrays.copyOf(FILE, 20));

        download.fetch(url("/files/1"), target, false);

        assertEquals(new String(FILE, StandardCharsets.UTF_8), Files.readString(target));
    }

    @Test
    void aPartLongerThanTheFileIsRefetchedFromTheStart() throws Exception {
        Path target = tmp.resolve("Patient.ndjson");
        Files.write(ResumableDownload.partOf(target), new byte[FILE.length + 10]);

        download.fetch(url("/files/1"), target, false);

        assertEquals(List.of("/files/1 bytes=" + (FILE.length + 10) + "-", "/files/1 none"), requests);
        assertEquals(new String(FILE, StandardCharsets.UTF_8), Files.readString(target));
    }

    @Test
    void aRefusedFileSaysWhatTheServerSaidAndLeavesNoFile() {
        Path target = tmp.resolve("Patient.ndjson");
        var e = assertThrows(BulkExportException.class, () -> download.fetch(url("/missing"), target, false));
        assertEquals("the server refused the file /missing: HTTP 404: Binary/x is gone", e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void aResumedExportFetchesOnlyTheFilesNotYetFinished() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        ExportRequest request = new ExportRequest(url("/fhir"), ExportLevel.SYSTEM, Optional.empty(), List.of(), Optional.empty());
        Manifest manifest = new Manifest(Instant.parse("2026-11-24T09:00:00Z"), false,
                List.of(new Manifest.File("Patient", url("/files/patients")), new Manifest.File("Condition", url("/files/conditions"))), List.of());
        Files.write(out.resolve("Patient.ndjson"), FILE);
        Files.write(ResumableDownload.partOf(out.resolve("Condition.ndjson")), java.util.Arrays.copyOf(FILE, 10));
        new ExportState(Optional.empty(), List.of(), Optional.of(new ExportState.Current(request.kickOffUri().toString(),
                url("/fhir/status").toString(), Optional.of(manifest), Map.of("Patient.ndjson", url("/files/patients").toString())))).save(out);

        BulkExport.Result result = new BulkExport(HttpClient.newHttpClient(), Optional.empty(), Clock.systemUTC(), d -> { },
                Duration.ofSeconds(1), Duration.ofMinutes(1), m -> { }).run(request, out);

        assertTrue(result.resumed());
        assertEquals(List.of("/files/conditions bytes=10-"), requests, "no kick-off, no poll, the finished file not fetched again");
        assertEquals(new String(FILE, StandardCharsets.UTF_8), Files.readString(out.resolve("Condition.ndjson")));
        assertEquals(Optional.of(manifest.transactionTime()), BulkExport.lastTransactionTime(out));
        assertTrue(Files.readString(out.resolve(BulkExport.MANIFEST)).contains("\"transactionTime\" : \"2026-11-24T09:00:00Z\""));
    }
}
