package org.waymark.engine.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * The published code lists copied into the repository's {@code codelists/} folder, read once each: a
 * {@code .tsv} is {@code code<TAB>term} without a header, a {@code .csv} has a {@code code,term} header.
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

    private static Set<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean tsv = file.toString().endsWith(".tsv");
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("\uFEFF", "").strip();
            if (line.isEmpty() || (!tsv && i == 0)) {
                continue;
            }
            String code = tsv ? line.split("\t", 2)[0] : ValueSetFiles.cells(line).get(0);
            codes.add(code.strip());
        }
        return Set.copyOf(codes);
    }
}
