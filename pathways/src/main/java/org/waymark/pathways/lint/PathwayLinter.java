package org.waymark.pathways.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.waymark.engine.lint.Linter;
import org.waymark.engine.ruleset.Problem;
import org.waymark.pathways.definition.PathwayLoader;

/**
 * Checks pathway definitions as {@code waymark lint} checks rule sets: the definition's load problems, and its
 * value sets by the same checks as a rule set's (codes well formed, provenance header, codes within the
 * published lists named), so a pathway cannot carry an unreviewed or drifted copy of a list; and its scenarios
 * expect only codes a rule set or pathway defines.
 */
public final class PathwayLinter {
    private final Linter linter;

    public PathwayLinter(Linter linter) {
        this.linter = linter;
    }

    /** The problems of one version folder ({@code <definitions>/<pathway>/<version>}). */
    public List<Problem> lint(Path versionFolder) {
        List<Problem> out = new ArrayList<>(PathwayLoader.load(versionFolder).problems());
        out.addAll(linter.lintValueSets(versionFolder));
        out.addAll(linter.lintExpectedCodes(versionFolder));
        return out;
    }

    /** Every version under {@code definitionsRoot}, keyed {@code pathway@version} in folder order; empty when there is no such folder. */
    public Map<String, List<Problem>> lintAll(Path definitionsRoot) {
        Map<String, List<Problem>> out = new LinkedHashMap<>();
        for (Path pathway : folders(definitionsRoot)) {
            for (Path version : folders(pathway)) {
                out.put(pathway.getFileName() + "@" + version.getFileName(), lint(version));
            }
        }
        return out;
    }

    private static List<Path> folders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
