package org.waymark.engine.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a rule-set version is chosen. Loads every {@code rules/<rule-set>/<version>/} folder side by
 * side and keeps the current {@link RuleSets} snapshot. The active version of each rule set is
 * configuration; without it, the highest compiled version whose manifest status is {@code active}. A
 * configured version that failed to load is reported and the best working version serves instead.
 * The server replaces this first choice with a checked one (see {@link #startupCandidates}) before it
 * answers, and keeps here the versions it refused to serve, for health reports.
 */
public final class RuleSetRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetRegistry.class);

    private final Path rulesRoot;
    private final KeptKnowledge kept;
    private final AtomicReference<RuleSets> current;
    private final Map<String, Refusal> refusals = new java.util.concurrent.ConcurrentHashMap<>();

    private RuleSetRegistry(Path rulesRoot, KeptKnowledge kept, RuleSets initial) {
        this.rulesRoot = rulesRoot;
        this.kept = kept;
        this.current = new AtomicReference<>(initial);
    }

    /** Loads every version under {@code rulesRoot}; {@code configured} maps rule-set id to the version to activate. */
    public static RuleSetRegistry load(Path rulesRoot, Map<String, String> configured) {
        return load(rulesRoot, configured, KeptKnowledge.NONE);
    }

    /** As {@link #load(Path, Map)}, rebuilding unchanged versions from {@code kept} and keeping what it compiles there. */
    public static RuleSetRegistry load(Path rulesRoot, Map<String, String> configured, KeptKnowledge kept) {
        Path root = existingRoot(rulesRoot);
        RuleSetLoader loader = new RuleSetLoader(root, List.of(), kept);
        // Each version loads and compiles on its own, and Drools compiling is most of start-up: side by side.
        List<RuleSetVersion> versions = versionFolders(root).parallelStream().map(loader::load).toList();
        for (RuleSetVersion v : versions) {
            if (v instanceof FailedRuleSet f) {
                LOG.error("rule set {} failed to load and will not serve:\n  {}", f.key(),
                        String.join("\n  ", f.problems().stream().map(Problem::toString).toList()));
            } else {
                LOG.info("loaded rule set {}", v.key());
            }
        }
        RuleSets unselected = new RuleSets(versions, Map.of());
        Map<String, String> active = new HashMap<>();
        for (String id : unselected.ids()) {
            chooseActive(unselected, id, configured.get(id)).ifPresent(v -> active.put(id, v));
        }
        return new RuleSetRegistry(root, kept, new RuleSets(versions, active));
    }

    private static Optional<String> chooseActive(RuleSets sets, String id, String configured) {
        if (configured != null && sets.compiled(id, configured).isEmpty()) {
            LOG.error("configured version {}@{} is not available (missing or failed to load); choosing the best working version",
                    id, configured);
        }
        Optional<String> best = startupCandidates(sets, id, configured).stream().filter(v -> sets.compiled(id, v).isPresent()).findFirst();
        if (best.isEmpty()) {
            LOG.warn("rule set {} has no compiled version with status active; it will not serve", id);
        }
        return best;
    }

    /**
     * The versions of {@code id} that may serve when nothing else decides, best first: the configured
     * version (if any), then every version whose manifest status is {@code active}, highest first.
     */
    public static List<String> startupCandidates(RuleSets sets, String id, String configured) {
        List<String> out = new ArrayList<>();
        if (configured != null) {
            out.add(configured);
        }
        sets.versions().stream()
                .filter(v -> v.id().equals(id) && v instanceof CompiledRuleSet c && c.manifest().status() == Manifest.Status.ACTIVE)
                .map(v -> (CompiledRuleSet) v)
                .sorted(Comparator.comparing((CompiledRuleSet c) -> c.manifest().version()).reversed())
                .map(CompiledRuleSet::version)
                .filter(v -> !out.contains(v))
                .forEach(out::add);
        return out;
    }

    /** Every {@code <rule-set>/<version>} folder under {@code root}, in name order; shared definitions are not rule sets. */
    public static List<Path> versionFolders(Path root) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> sets = Files.list(root)) {
            for (Path set : sets.filter(Files::isDirectory).filter(s -> !s.getFileName().toString().startsWith("."))
                    .filter(s -> !s.getFileName().toString().equals(RuleSetLoader.SHARED)).sorted().toList()) {
                try (Stream<Path> versions = Files.list(set)) {
                    versions.filter(Files::isDirectory).filter(v -> !v.getFileName().toString().startsWith("."))
                            .sorted().forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rule sets in " + root, e);
        }
        return out;
    }

    public Path rulesRoot() {
        return rulesRoot;
    }

    /** The current snapshot; take it once per request. */
    public RuleSets current() {
        return current.get();
    }

    /** The versions currently refused service, by rule set and version. */
    public List<Refusal> refusals() {
        return refusals.values().stream().sorted(Comparator.comparing(Refusal::key)).toList();
    }

    /** Also lets go of the sessions its checks used, unless the version serves after all. */
    public void refused(Refusal refusal) {
        refusals.put(refusal.key(), refusal);
        retireUnserved(List.of(current()), current());
    }

    /** The version passed its checks since it was refused. */
    public void cleared(String id, String version) {
        refusals.remove(id + "@" + version);
    }

    /**
     * Replaces the snapshot atomically; requests already holding the old one finish on it. The session pools of the
     * versions and shared definitions that no longer serve are retired (their sessions go once the requests using them
     * are done). A concurrent change may retire a pool that serves again: it only starts a new pool, never fails a call.
     */
    public void update(java.util.function.UnaryOperator<RuleSets> change) {
        RuleSets before = current.getAndUpdate(change);
        RuleSets after = current();
        retireUnserved(List.of(before, after), after);
    }

    /**
     * A loader for versions added while running: it reuses the compiled shared definitions of the loaded versions whose
     * folders are unchanged, so a shared definition stays one object, evaluated once per call, across reloads.
     */
    public RuleSetLoader loader() {
        return new RuleSetLoader(rulesRoot, current().compiled().stream().flatMap(c -> c.shared().stream()).distinct().toList(), kept);
    }

    /** Retires the pool of every version and shared definition in {@code snapshots} that {@code serving} does not serve. */
    private static void retireUnserved(List<RuleSets> snapshots, RuleSets serving) {
        Set<SessionPool> served = new HashSet<>();
        serving.allActive().forEach(c -> served.addAll(poolsOf(c)));
        snapshots.stream().flatMap(s -> s.compiled().stream()).flatMap(c -> poolsOf(c).stream())
                .filter(p -> !served.contains(p)).forEach(SessionPool::retire);
    }

    /** The pools of the version and of the shared definitions it uses. */
    static List<SessionPool> poolsOf(CompiledRuleSet version) {
        List<SessionPool> out = new ArrayList<>();
        out.add(version.sessions());
        version.shared().forEach(d -> out.add(d.sessions()));
        return out;
    }

    /** {@code rulesRoot} made absolute; refused, as {@link #load} refuses it, when it is not a folder. */
    public static Path existingRoot(Path rulesRoot) {
        Path root = rulesRoot.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("rules directory " + root + " does not exist");
        }
        return root;
    }
}
