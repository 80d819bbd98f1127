package org.waymark.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an output folder remembers between runs ({@code .export-state.json}): the last complete export (its
 * {@code transactionTime}, the {@code _since} of {@code --since last}, and the files it wrote), and the export
 * under way, if any: its kick-off, status URL, manifest once complete, and the files already downloaded. Never a
 * token. Written via a temporary file and an atomic move, owner-readable only.
 */
record ExportState(Optional<Instant> lastTransactionTime, List<String> files, Optional<Current> current) {
    static final String FILE = ".export-state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An export kicked off and not yet fully downloaded; {@code finished} maps file name to URL. */
    record Current(String kickOff, String statusUrl, Optional<Manifest> manifest, Map<String, String> finished) {
        Current {
            finished = Map.copyOf(finished);
        }

        Current with(Manifest m) {
            return new Current(kickOff, statusUrl, Optional.of(m), finished);
        }

        Current finishing(String file, String url) {
            Map<String, String> more = new LinkedHashMap<>(finished);
            more.put(file, url);
            return new Current(kickOff, statusUrl, manifest, more);
        }
    }

    ExportState {
        files = List.copyOf(files);
    }

    static ExportState empty() {
        return new ExportState(Optional.empty(), List.of(), Optional.empty());
    }

    static ExportState load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<String> files = new ArrayList<>();
            root.path("files").forEach(f -> files.add(f.asText()));
            Optional<Current> current = Optional.empty();
            JsonNode c = root.path("current");
            if (c.isObject()) {
                Map<String, String> finished = new LinkedHashMap<>();
                c.path("finished").fields().forEachRemaining(e -> finished.put(e.getKey(), e.getValue().asText()));
                Optional<Manifest> manifest = c.path("manifest").isObject() ? Optional.of(Manifest.parse(c.path("manifest").toString())) : Optional.empty();
                current = Optional.of(new Current(c.path("kickOff").asText(), c.path("statusUrl").asText(), manifest, finished));
            }
            Optional<Instant> last = root.path("lastTransactionTime").isTextual()
                    ? Optional.of(Manifest.instant(root.path("lastTransactionTime").asText())) : Optional.empty();
            return new ExportState(last, files, current);
        } catch (IOException | RuntimeException e) {
            throw new BulkExportException("the export state " + file + " is unreadable (" + e.getMessage() + "); remove it to start afresh");
        }
    }

    void save(Path dir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        lastTransactionTime.ifPresent(t -> root.put("lastTransactionTime", t.toString()));
        files.forEach(root.putArray("files")::add);
        current.ifPresent(c -> {
            ObjectNode n = root.putObject("current").put("kickOff", c.kickOff()).put("statusUrl", c.statusUrl());
            c.manifest().ifPresent(m -> n.set("manifest", readTree(m.toJson())));
            ObjectNode finished = n.putObject("finished");
            c.finished().forEach(finished::put);
        });
        writeAtomically(dir.resolve(FILE), root.toPrettyString(), true);
    }

    /** Writes {@code text} to a sibling temporary file and moves it onto {@code target} in one step. */
    static void writeAtomically(Path target, String text, boolean ownerOnly) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        if (ownerOnly && Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a manifest this client wrote is JSON", e);
        }
    }
}
