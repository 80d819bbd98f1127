package org.waymark.screening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A generated population as the differential tests read it: the non-blank lines of each {@code *.ndjson} file. */
public final class NdjsonLines {
    private NdjsonLines() {
    }

    /** By file, in file-name order. */
    public static Map<Path, List<String>> of(Path folder) throws IOException {
        Map<Path, List<String>> out = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    out.put(file, lines.filter(l -> !l.isBlank()).toList());
                }
            }
        }
        return out;
    }
}
