package org.waymark.pathways.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioException;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioResult;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * Replays scenario files through the engine the server uses (rule sets and care pathways). A pinned
 * rule-set version ({@code --rule-set id@version}) replaces whichever version of that rule set a scenario
 * would otherwise use, so a new version can be tried against the old version's scenarios. A scenario whose
 * {@code expect} names a code no loaded rule set or pathway defines fails.
 */
public final class Replay {
    /**
     * One scenario file's outcome: a result, or the reason the file could not be replayed, and how long it took.
     * A scenario is named by its suite, the rule set or pathway and version whose {@code scenarios/} folder holds
     * it ({@code proactive-care@1.0.0}), and its id, the file name without extension: names that stay the same
     * wherever the repository is checked out.
     */
    public record Outcome(Path file, Optional<ScenarioResult> result, Optional<String> error, Duration duration) {
        public boolean passed() {
            return result.map(ScenarioResult::passed).orElse(false);
        }

        public String title() {
            return result.map(r -> r.scenario().title()).orElse(id());
        }

        public String id() {
            return idOf(file);
        }

        public String suite() {
            Path folder = file.toAbsolutePath().normalize().getParent();
            while (folder != null && !folder.getFileName().toString().equals("scenarios")) {
                folder = folder.getParent();
            }
            Path version = folder == null ? null : folder.getParent();
            if (version == null || version.getParent() == null || version.getParent().getFileName() == null) {
                return "scenarios";
            }
            boolean versioned = version.getFileName().toString().matches("\\d+\\.\\d+\\.\\d+.*");
            return versioned ? version.getParent().getFileName() + "@" + version.getFileName() : version.getFileName().toString();
        }
    }

    /** A scenario's id: its file name without extension. */
    public static String idOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private final RuleSets ruleSets;
    private final ScenarioRunner runner;
    private final Optional<CompiledRuleSet> pinned;

    public Replay(RuleSets ruleSets, PathwayService pathways, Optional<CompiledRuleSet> pinned) {
        this.ruleSets = ruleSets;
        // Codes of every loaded rule-set version and pathway: an expectation naming anything else is misspelt.
        this.runner = new ScenarioRunner(pathways, ruleSets.codes());
        this.pinned = pinned;
    }

    public List<Outcome> run(List<Path> files) {
        List<Outcome> out = new ArrayList<>();
        for (Path f : files) {
            out.add(run(f));
        }
        return out;
    }

    public Outcome run(Path file) {
        long start = System.nanoTime();
        try {
            Scenario scenario = ScenarioLoader.load(file);
            List<CompiledRuleSet> sets = new ArrayList<>(runner.ruleSetsFor(scenario, ruleSets));
            pinned.ifPresent(p -> {
                sets.removeIf(s -> s.id().equals(p.id()));
                sets.add(p);
            });
            ScenarioResult result = runner.run(scenario, sets);
            return new Outcome(file, Optional.of(result), Optional.empty(), Duration.ofNanos(System.nanoTime() - start));
        } catch (ScenarioException e) {
            return new Outcome(file, Optional.empty(), Optional.of(e.getMessage()), Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
