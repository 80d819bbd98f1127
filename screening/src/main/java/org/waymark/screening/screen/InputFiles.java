package org.waymark.screening.screen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The files of a screening input folder: Bulk Data NDJSON ({@code *.ndjson}, split files such as
 * {@code Patient.2.ndjson} included) and FHIR Bundles or single resources ({@code *.json}), each optionally gzipped
 * ({@code .gz}, read as a stream, never unpacked to disk). When the folder holds an {@code $export} manifest
 * ({@code manifest.json}), its {@code output} names the files instead: by their URL's last path segment, or by
 * type as {@code waymark export} names them.
 */
final class InputFiles {
    static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InputFiles() {
    }

    /** The input files in a stable order; a missing folder, or one with nothing to screen, is refused. */
    static List<Path> of(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("input folder " + folder + " does not exist (or is not a folder)");
        }
        List<Path> files = Files.isRegularFile(folder.resolve(MANIFEST)) ? manifest(folder) : listed(folder);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("input folder " + folder + " holds no *.ndjson, *.ndjson.gz, *.json or *.json.gz files to screen");
        }
        for (Path f : files) {
            // Files are named in tab-separated lines (skipped.tsv, the partition index): a tab or newline would break them.
            if (f.getFileName().toString().chars().anyMatch(c -> c < 0x20)) {
                throw new IllegalArgumentException("input file name " + f.getFileName().toString().replaceAll("\\p{Cntrl}", "?")
                        + " holds a control character (a tab or newline, say): rename it to screen it");
            }
        }
        return files;
    }

    private static List<Path> listed(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            // Hidden files (such as the export's own .export-state.json) are not records.
            return files.filter(f -> Files.isRegularFile(f) && (isNdjson(f) || isJson(f)) && !f.getFileName().toString().equals(MANIFEST)
                    && !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /**
     * Each {@code output} entry is the file its URL's last segment names, else the file {@code waymark export} names it
     * ({@code Type.ndjson}, then {@code Type.2.ndjson}, ... in manifest order); one that is neither is refused.
     */
    private static List<Path> manifest(Path folder) throws IOException {
        JsonNode manifest = JSON.readTree(folder.resolve(MANIFEST).toFile());
        Map<String, Integer> seen = new HashMap<>();
        List<Path> out = new ArrayList<>();
        for (JsonNode o : manifest.path("output")) {
            String url = o.path("url").asText();
            String path = URI.create(url).getPath();
            String type = o.path("type").asText();
            int n = seen.merge(type, 1, Integer::sum);
            Path byUrl = folder.resolve(path == null ? "" : path.substring(path.lastIndexOf('/') + 1));
            Path byType = folder.resolve(type + (n == 1 ? "" : "." + n) + ".ndjson");
            Path file = isInput(byUrl, folder) ? byUrl : byType;
            if (!isInput(file, folder)) {
                throw new IllegalArgumentException(MANIFEST + " names " + url + " (" + type + "), which is neither " + byUrl.getFileName()
                        + " nor " + byType.getFileName() + " in " + folder);
            }
            out.add(file);
        }
        return out.stream().distinct().sorted().toList();
    }

    private static boolean isInput(Path file, Path folder) {
        return !file.equals(folder) && Files.isRegularFile(file);
    }

    static boolean isNdjson(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(".ndjson") || n.endsWith(".ndjson.gz");
    }

    static boolean isJson(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(".json") || n.endsWith(".json.gz");
    }

    /** The file's content, unzipped when it ends in {@code .gz}; {@code bytesRead} hears of the file's own bytes as they are read. */
    static InputStream open(Path f, LongConsumer bytesRead) throws IOException {
        InputStream raw = new BufferedInputStream(new Counting(Files.newInputStream(f), bytesRead), 1 << 16);
        return f.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    private static final class Counting extends FilterInputStream {
        private final LongConsumer bytesRead;

        Counting(InputStream in, LongConsumer bytesRead) {
            super(in);
            this.bytesRead = bytesRead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesRead.accept(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead.accept(n);
            }
            return n;
        }
    }
}
