package org.waymark.bulk;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The server side of one export: the asynchronous kick-off (202 and a status URL in {@code Content-Location}) and
 * polling that URL until the manifest (200), waiting as {@code Retry-After} asks or backing off, up to an overall
 * timeout. A 429 or 503 while polling is a request to wait, not a failure.
 */
record ExportJob(BulkHttp http, Clock clock, Sleeper sleeper, Backoff backoff, Duration timeout, Consumer<String> log) {
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    /** Kicks the export off; returns its status URL. */
    URI kickOff(URI kickOff) throws InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(kickOff).timeout(CALL_TIMEOUT).header("Accept", "application/fhir+json")
                .header("Prefer", "respond-async").GET(), HttpResponse.BodyHandlers.ofString(), true);
        if (r.statusCode() != 202) {
            throw BulkHttp.failure("the server did not accept the export (a kick-off is answered 202 Accepted)", r.statusCode(), r.body());
        }
        String location = r.headers().firstValue("Content-Location")
                .orElseThrow(() -> new BulkExportException("the server accepted the export but gave no status URL (Content-Location)"));
        try {
            return kickOff.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new BulkExportException("the server's status URL is not a URL: " + location);
        }
    }

    /** Polls {@code status} until the export is complete; returns the manifest. */
    Manifest await(URI status) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(status).timeout(CALL_TIMEOUT).header("Accept", "application/json").GET(),
                    HttpResponse.BodyHandlers.ofString(), true);
            int code = r.statusCode();
            if (code == 200) {
                return Manifest.parse(r.body());
            }
            if (code != 202 && code != 429 && code != 503) {
                throw BulkHttp.failure("the export failed", code, r.body());
            }
            Optional<Duration> asked = RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), clock.instant());
            Duration wait = backoff.next(attempt, asked);
            if (clock.instant().plus(wait).isAfter(deadline)) {
                throw new BulkExportException("the export was not complete after " + timeout.toMinutes()
                        + " min; run the command again to go on waiting for the same export");
            }
            log.accept("export " + (code == 202 ? "in progress" : "server busy (HTTP " + code + ")")
                    + r.headers().firstValue("X-Progress").map(p -> ": " + p).orElse("") + "; next check in " + wait.toSeconds() + " s");
            sleeper.sleep(wait);
        }
    }
}
