package org.waymark.engine.valueset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A value-set file as read, with the line of each header field ({@code source}, {@code source-version},
 * {@code filter}, {@code review}) and of each code, so checks can name the line they object to.
 * {@code codeLines.get(i)} is the line of {@code valueSet.codes().get(i)}.
 */
public record ValueSetFile(Path path, ValueSet valueSet, Map<String, Integer> headerLines, List<Integer> codeLines) {
    public ValueSetFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(valueSet, "valueSet");
        headerLines = Map.copyOf(headerLines);
        codeLines = List.copyOf(codeLines);
        if (codeLines.size() != valueSet.codes().size()) {
            throw new IllegalArgumentException("one line per code expected");
        }
    }
}
