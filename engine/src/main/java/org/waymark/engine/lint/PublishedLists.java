package org.waymark.engine.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.waymark.engine.valueset.ValueSetFiles;

/**
 * The published code lists copied into the repository's {@code codelists/} folder, read once each with the
 * value-set reader's lines and cells: a {@code .tsv} is {@code code<TAB>term} without a header, a {@code .csv} has a
 * header naming its code column ({@code code,term}; OpenCodelists' dm+d downloads {@code dmd_type,dmd_id,...}; older
 * ones {@code id,name}).
 */
final class PublishedLists {
    static final String FOLDER = "codelists";

    private final Path repoRoot;
    // Concurrent: the start-up checks lint several rule sets at once.
    private final Map<String, Set<String>> codesByPath = new ConcurrentHashMap<>();

    PublishedLists(Path repoRoot) {
        this.repoRoot = repoRoot;
    }

    /** The codes of the list at {@code repoPath}, or empty when it is not a file under {@code codelists/}. */
    Optional<Set<String>> codes(String repoPath) {
        Path file = repoRoot.resolve(repoPath).normalize();
        if (!file.startsWith(repoRoot.resolve(FOLDER)) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(codesByPath.computeIfAbsent(repoPath, p -> read(file)));
    }

    private static int codeColumn(List<String> header) {
        for (String name : List.of("code", "dmd_id", "id")) {
            int at = header.stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList().indexOf(name);
            if (at >= 0) {
                return at;
            }
        }
        return 0;
    }

    private static Set<String> read(Path file) {
        List<String> lines;
        try {
            lines = ValueSetFiles.lines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean tsv = file.toString().endsWith(".tsv");
        int codeColumn = tsv || lines.isEmpty() ? 0 : codeColumn(ValueSetFiles.cells(lines.get(0).strip()));
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (!tsv && i == 0)) {
                continue;
            }
            List<String> cells = tsv ? List.of(line.split("\t", 2)) : ValueSetFiles.cells(line);
            if (codeColumn < cells.size()) {
                codes.add(cells.get(codeColumn).strip());
            }
        }
        return Set.copyOf(codes);
    }
}
