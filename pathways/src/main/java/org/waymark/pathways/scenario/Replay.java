package org.waymark.pathways.scenario;

import java.nio.file.Path;
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
    /** One scenario file's outcome: a result, or the reason the file could not be replayed. */
    public record Outcome(Path file, Optional<ScenarioResult> result, Optional<String> error) {
        public boolean passed() {
            return result.map(ScenarioResult::passed).orElse(false);
        }

        public String title() {
            return result.map(r -> r.scenario().title()).orElse(file.getFileName().toString());
        }
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
        try {
            Scenario scenario = ScenarioLoader.load(file);
            List<CompiledRuleSet> sets = new ArrayList<>(runner.ruleSetsFor(scenario, ruleSets));
            pinned.ifPresent(p -> {
                sets.removeIf(s -> s.id().equals(p.id()));
                sets.add(p);
            });
            return new Outcome(file, Optional.of(runner.run(scenario, sets)), Optional.empty());
        } catch (ScenarioException e) {
            return new Outcome(file, Optional.empty(), Optional.of(e.getMessage()));
        }
    }
}
