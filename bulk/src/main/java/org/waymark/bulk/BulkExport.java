package org.waymark.bulk;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code waymark export}: runs one Bulk Data export into an output folder as files named by resource type
 * ({@code Patient.ndjson}, {@code Condition.ndjson}, a second file of a type {@code Condition.2.ndjson}), which
 * {@code waymark screen --input} reads as it is, beside {@code manifest.json}; error files go to {@code errors/}.
 * An interrupted run is continued by running the same export again: an export already kicked off is polled rather
 * than started again, finished files are not fetched again and a partly fetched one is resumed. A new export
 * replaces the files of the previous one in the folder.
 */
public final class BulkExport {
    public static final String MANIFEST = "manifest.json";
    public static final String ERRORS = "errors";

    /** What the export wrote: the manifest, the data files and the error files (OperationOutcome NDJSON). */
    public record Result(Manifest manifest, List<Path> files, List<Path> errorFiles, boolean resumed) {
    }

    private final BulkHttp http;
    private final ExportJob job;
    private final Consumer<String> log;

    public BulkExport(HttpClient client, Optional<AccessTokens> tokens, Clock clock, Sleeper sleeper, Duration maxPoll, Duration timeout,
            Consumer<String> log) {
        this.http = new BulkHttp(client, tokens);
        this.job = new ExportJob(http, clock, sleeper, new Backoff(Duration.ofSeconds(1), maxPoll), timeout, log);
        this.log = log;
    }

    /** The transactionTime of the last complete export into {@code out}, the {@code _since} of an incremental run. */
    public static Optional<Instant> lastTransactionTime(Path out) {
        return ExportState.load(out).lastTransactionTime();
    }

    public Result run(ExportRequest request, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out);
        ExportState state = ExportState.load(out);
        String kickOff = request.kickOffUri().toString();
        Optional<ExportState.Current> earlier = state.current().filter(c -> c.kickOff().equals(kickOff));
        List<String> older = new ArrayList<>(state.files());
        state.current().filter(c -> earlier.isEmpty()).ifPresent(c -> {
            log.accept("an unfinished different export in " + out + " is abandoned");
            older.addAll(c.finished().keySet());
        });
        ExportState.Current current = earlier.orElse(null);
        if (current == null) {
            URI status = job.kickOff(request.kickOffUri());
            log.accept("export accepted by the server; waiting for it to complete");
            current = new ExportState.Current(kickOff, status.toString(), Optional.empty(), Map.of());
            state = new ExportState(state.lastTransactionTime(), state.files(), Optional.of(current));
            state.save(out);
        } else {
            log.accept("continuing the unfinished export in " + out);
        }
        if (current.manifest().isEmpty()) {
            current = current.with(job.await(URI.create(current.statusUrl())));
            state = new ExportState(state.lastTransactionTime(), state.files(), Optional.of(current));
            state.save(out);
        }
        Manifest manifest = current.manifest().orElseThrow();
        Map<String, Manifest.File> named = names(manifest.output());
        removeOlder(out, older, named.keySet());

        ResumableDownload download = new ResumableDownload(http);
        for (Map.Entry<String, Manifest.File> e : named.entrySet()) {
            if (current.finished().containsKey(e.getKey()) && Files.exists(out.resolve(e.getKey()))) {
                continue;
            }
            long bytes = download.fetch(e.getValue().url(), out.resolve(e.getKey()), manifest.requiresAccessToken());
            log.accept(String.format("downloaded %s (%,d bytes)", e.getKey(), bytes));
            current = current.finishing(e.getKey(), e.getValue().url().toString());
            state = new ExportState(state.lastTransactionTime(), state.files(), Optional.of(current));
            state.save(out);
        }
        List<Path> errors = downloadErrors(download, out, manifest);
        ExportState.writeAtomically(out.resolve(MANIFEST), manifest.toJson(), false);
        new ExportState(Optional.of(manifest.transactionTime()), List.copyOf(named.keySet()), Optional.empty()).save(out);
        return new Result(manifest, named.keySet().stream().map(out::resolve).toList(), errors, earlier.isPresent());
    }

    /** File names by type, in manifest order: {@code Type.ndjson}, then {@code Type.2.ndjson}, ... */
    static Map<String, Manifest.File> names(List<Manifest.File> files) {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Manifest.File> named = new LinkedHashMap<>();
        for (Manifest.File f : files) {
            int n = seen.merge(f.type(), 1, Integer::sum);
            named.put(f.type() + (n == 1 ? "" : "." + n) + ".ndjson", f);
        }
        return named;
    }

    /** The previous export's files that this one does not replace: gone, so the folder holds one export. */
    private static void removeOlder(Path out, List<String> previous, Set<String> now) throws IOException {
        for (String name : previous) {
            if (!now.contains(name) && name.endsWith(".ndjson") && !name.contains("/")) {
                Files.deleteIfExists(out.resolve(name));
            }
        }
    }

    private List<Path> downloadErrors(ResumableDownload download, Path out, Manifest manifest) throws IOException, InterruptedException {
        if (manifest.error().isEmpty()) {
            return List.of();
        }
        Path dir = Files.createDirectories(out.resolve(ERRORS));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, Manifest.File> e : names(manifest.error()).entrySet()) {
            Path target = dir.resolve(e.getKey());
            download.fetch(e.getValue().url(), target, manifest.requiresAccessToken());
            files.add(target);
            log.accept("the server reported errors in " + out.relativize(target) + ": " + firstIssue(target));
        }
        return files;
    }

    /** The first issue text of an OperationOutcome NDJSON error file, and how many lines it has. */
    private static String firstIssue(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> lines = in.lines().filter(l -> !l.isBlank()).toList();
            String first = lines.isEmpty() ? "" : BulkHttp.outcomeText(lines.get(0)).orElse("");
            return lines.size() + " outcome(s)" + (first.isEmpty() ? "" : ", first: " + first);
        }
    }
}
