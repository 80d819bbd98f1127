package org.waymark.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Downloads one export file into {@code <target>.part} and moves it onto {@code target} only when complete, so a
 * file under its final name is always whole. A {@code .part} left by an interrupted run is continued with a Range
 * request when the server honours it (206 from the right offset), and restarted from the start otherwise.
 */
final class ResumableDownload {
    private final BulkHttp http;

    ResumableDownload(BulkHttp http) {
        this.http = http;
    }

    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /** Fetches {@code url} to {@code target}; returns the bytes received in this call. */
    long fetch(URI url, Path target, boolean authorised) throws InterruptedException {
        Path part = partOf(target);
        try {
            long have = Files.exists(part) ? Files.size(part) : 0;
            long received = have > 0 ? tryResume(url, part, have, authorised) : -1;
            if (received < 0) {
                received = download(url, part, false, Optional.empty(), authorised);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return received;
        } catch (IOException e) {
            throw new BulkExportException("the download of " + target.getFileName() + " broke off (" + e.getMessage()
                    + "); run the export again to continue it", e);
        }
    }

    /** Continues from {@code have} bytes; -1 when the server will not, and the file must be fetched whole. */
    private long tryResume(URI url, Path part, long have, boolean authorised) throws IOException, InterruptedException {
        long received = download(url, part, true, Optional.of(have), authorised);
        if (received < 0) {
            Files.delete(part);
        }
        return received;
    }

    private long download(URI url, Path part, boolean resuming, Optional<Long> from, boolean authorised) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "application/fhir+ndjson").GET();
        from.ifPresent(offset -> request.header("Range", "bytes=" + offset + "-"));
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream(), authorised);
        try (InputStream in = response.body()) {
            int status = response.statusCode();
            boolean append = status == 206 && from.isPresent() && startOf(response).equals(from);
            if (resuming) {
                // Anything but the range asked for (200 with the whole file, 416, another range): start again cleanly.
                return append ? copy(in, part, true) : -1;
            }
            if (status != 200) {
                throw BulkHttp.failure("the server refused the file " + url.getPath(), status,
                        new String(in.readNBytes(4096), StandardCharsets.UTF_8));
            }
            return copy(in, part, false);
        }
    }

    private static long copy(InputStream in, Path part, boolean append) throws IOException {
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            return in.transferTo(out);
        }
    }

    /** The first byte of a 206 answer, from {@code Content-Range: bytes <first>-<last>/<size>}. */
    private static Optional<Long> startOf(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Range").flatMap(v -> {
            String s = v.strip();
            int dash = s.indexOf('-');
            if (!s.startsWith("bytes ") || dash < 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(Long.parseLong(s.substring("bytes ".length(), dash).strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
