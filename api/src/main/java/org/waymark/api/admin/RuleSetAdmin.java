package org.waymark.api.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.replay.Replay;
import org.waymark.engine.lint.Linter;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.FailedRuleSet;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.ruleset.RuleSetLoader;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * Safe changes to which rule-set version serves. Activation is refused unless the version compiled, lints
 * clean and passes its own scenarios; the switch is one atomic snapshot swap, so a request in flight
 * finishes on the version it started with. Every activation and rollback is recorded: who, when, from, to.
 */
public final class RuleSetAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetAdmin.class);

    private final RuleSetRegistry registry;
    private final PathwayService pathways;
    private final ActivationLog log;
    private final Linter linter;
    private final Clock clock;

    public RuleSetAdmin(RuleSetRegistry registry, PathwayService pathways, ActivationLog log, Linter linter, Clock clock) {
        this.registry = registry;
        this.pathways = pathways;
        this.log = log;
        this.linter = linter;
        this.clock = clock;
    }

    public RuleSets current() {
        return registry.current();
    }

    public List<ActivationLog.Entry> history(String id) {
        return log.history(id);
    }

    /**
     * Loads version folders that are new (or previously failed, or inactive) while the server runs. The
     * serving version is never replaced in place: a change goes in a new version folder and through activation.
     */
    public List<RuleSetVersion> reload() {
        RuleSets before = registry.current();
        RuleSetLoader loader = new RuleSetLoader(registry.rulesRoot());
        List<RuleSetVersion> loaded = new ArrayList<>();
        for (Path folder : RuleSetRegistry.versionFolders(registry.rulesRoot())) {
            String id = folder.getParent().getFileName().toString();
            String version = folder.getFileName().toString();
            boolean serving = before.active(id).map(a -> a.version().equals(version)).orElse(false);
            if (!serving && before.compiled(id, version).isEmpty()) {
                loaded.add(loader.load(folder));
            }
        }
        registry.update(s -> s.withVersions(loaded));
        loaded.forEach(v -> LOG.info("reloaded rule set {} ({})", v.key(), v instanceof CompiledRuleSet ? "compiled" : "failed"));
        return loaded;
    }

    public ActivationLog.Entry activate(String id, String version, String actor) throws ActivationRefused {
        RuleSets snapshot = registry.current();
        RuleSetVersion candidate = snapshot.find(id, version)
                .orElseThrow(() -> new ActivationRefused("no loaded version " + id + "@" + version + " (reload first?)", List.of()));
        if (candidate instanceof FailedRuleSet failed) {
            throw new ActivationRefused(id + "@" + version + " did not compile", failed.problems().stream().map(Problem::toString).toList());
        }
        CompiledRuleSet rs = (CompiledRuleSet) candidate;
        List<String> failing = failingScenarios(snapshot, rs);
        List<String> lint = linter.lint(rs).stream().map(Problem::toString).toList();
        if (!failing.isEmpty() || !lint.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            failing.forEach(f -> reasons.add("scenario fails: " + f));
            lint.forEach(l -> reasons.add("lint: " + l));
            throw new ActivationRefused(id + "@" + version + " is refused: " + failing.size() + " failing scenarios, "
                    + lint.size() + " lint problems", reasons);
        }
        return switchTo(id, rs.version(), actor, "activate");
    }

    /** Restores the version that served before the latest activation. */
    public ActivationLog.Entry rollback(String id, String actor) throws ActivationRefused {
        ActivationLog.Entry last = log.history(id).stream().findFirst()
                .orElseThrow(() -> new ActivationRefused("no activation of " + id + " to roll back", List.of()));
        String previous = last.fromVersion()
                .orElseThrow(() -> new ActivationRefused("the latest activation of " + id + " had no previous version", List.of()));
        if (registry.current().compiled(id, previous).isEmpty()) {
            throw new ActivationRefused(id + "@" + previous + " is no longer loaded and compiled", List.of());
        }
        return switchTo(id, previous, actor, "rollback");
    }

    private ActivationLog.Entry switchTo(String id, String version, String actor, String kind) {
        Optional<String> from = registry.current().active(id).map(CompiledRuleSet::version);
        registry.update(s -> s.withActive(id, version));
        ActivationLog.Entry entry = new ActivationLog.Entry(id, from, version, actor, kind, clock.instant());
        log.record(entry);
        LOG.info("rule set {} {} from {} to {} by {}", id, kind, from.orElse("(none)"), version, actor);
        return entry;
    }

    private List<String> failingScenarios(RuleSets snapshot, CompiledRuleSet rs) {
        try {
            List<Path> files = ScenarioLoader.find(rs.folder().resolve("scenarios"));
            return new Replay(snapshot, pathways, Optional.of(rs)).run(files).stream().filter(o -> !o.passed())
                    .map(o -> o.file().getFileName() + " (" + o.title() + "): "
                            + o.error().orElseGet(() -> String.join("; ", o.result().orElseThrow().differences())))
                    .toList();
        } catch (IOException e) {
            return List.of("cannot read scenarios: " + e.getMessage());
        }
    }
}
