package org.waymark.pathways.definition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.ruleset.SemVer;

/**
 * Every pathway definition under {@code pathways/definitions/}, loaded side by side; the active version
 * of each pathway is the highest with status active (a failed version never serves).
 */
public final class PathwayRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PathwayRegistry.class);

    private final List<PathwayDefinition> loaded;
    private final Map<String, List<Problem>> failures;
    /** Chosen once: every assessment asks for it, and the loaded versions never change. */
    private final List<PathwayDefinition> active;

    private PathwayRegistry(List<PathwayDefinition> loaded, Map<String, List<Problem>> failures) {
        this.loaded = List.copyOf(loaded);
        this.failures = Map.copyOf(failures);
        this.active = activeOf(this.loaded);
    }

    public static PathwayRegistry load(Path definitionsRoot) {
        List<PathwayDefinition> loaded = new ArrayList<>();
        Map<String, List<Problem>> failures = new LinkedHashMap<>();
        if (!Files.isDirectory(definitionsRoot)) {
            LOG.warn("no pathway definitions folder at {}", definitionsRoot);
            return new PathwayRegistry(loaded, failures);
        }
        try (Stream<Path> pathways = Files.list(definitionsRoot)) {
            for (Path pathway : pathways.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> versions = Files.list(pathway)) {
                    for (Path folder : versions.filter(Files::isDirectory).sorted().toList()) {
                        PathwayLoader.Result r = PathwayLoader.load(folder);
                        String key = pathway.getFileName() + "@" + folder.getFileName();
                        r.definition().ifPresentOrElse(loaded::add, () -> {
                            failures.put(key, r.problems());
                            LOG.error("pathway {} failed to load and will not serve:\n  {}", key,
                                    String.join("\n  ", r.problems().stream().map(Problem::toString).toList()));
                        });
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list pathways in " + definitionsRoot, e);
        }
        return new PathwayRegistry(loaded, failures);
    }

    public List<PathwayDefinition> all() {
        return loaded;
    }

    public Map<String, List<Problem>> failures() {
        return failures;
    }

    /** The active version of each pathway, ordered by id. */
    public List<PathwayDefinition> active() {
        return active;
    }

    private static List<PathwayDefinition> activeOf(List<PathwayDefinition> loaded) {
        Map<String, PathwayDefinition> best = new LinkedHashMap<>();
        loaded.stream().filter(d -> d.status().equals("active"))
                .sorted(Comparator.comparing(PathwayDefinition::id).thenComparing(d -> SemVer.parse(d.version())))
                .forEach(d -> best.put(d.id(), d));
        return List.copyOf(best.values());
    }
}
