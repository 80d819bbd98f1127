package org.waymark.api.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.waymark.pathways.scenario.Replay;
import org.waymark.engine.lint.Linter;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.FailedRuleSet;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioResult;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * The checks a version passes before it serves, at start-up, activation or rollback alike: it compiled,
 * lints clean, and every scenario in its own {@code scenarios/} folder passes (pathway expectations included).
 */
final class ActivationGate {
    private final PathwayService pathways;
    private final Linter linter;

    ActivationGate(PathwayService pathways, Linter linter) {
        this.pathways = pathways;
        this.linter = linter;
    }

    /** Why {@code candidate} may not serve; empty when it may. */
    List<String> refusals(RuleSets snapshot, RuleSetVersion candidate) {
        if (candidate instanceof FailedRuleSet failed) {
            return failed.problems().stream().map(p -> "does not compile: " + p).toList();
        }
        CompiledRuleSet rs = (CompiledRuleSet) candidate;
        Map<Path, ScenarioResult> replayed = new HashMap<>();
        List<String> reasons = new ArrayList<>();
        failingScenarios(snapshot, rs, replayed).forEach(f -> reasons.add("scenario fails: " + f));
        // Lint's coverage check counts on the replays just made rather than loading and replaying them again.
        linter.lint(rs, replayed).stream().map(Problem::toString).forEach(l -> reasons.add("lint: " + l));
        return reasons;
    }

    /** The scenarios that fail; every result, passed or not, goes in {@code replayed}. */
    private List<String> failingScenarios(RuleSets snapshot, CompiledRuleSet rs, Map<Path, ScenarioResult> replayed) {
        try {
            List<Path> files = ScenarioLoader.find(rs.folder().resolve("scenarios"));
            List<Replay.Outcome> outcomes = new Replay(snapshot, pathways, Optional.of(rs)).run(files);
            outcomes.forEach(o -> o.result().ifPresent(r -> replayed.put(o.file(), r)));
            return outcomes.stream().filter(o -> !o.passed())
                    .map(o -> o.file().getFileName() + " (" + o.title() + "): "
                            + o.error().orElseGet(() -> String.join("; ", o.result().orElseThrow().differences())))
                    .toList();
        } catch (IOException e) {
            return List.of("cannot read scenarios: " + e.getMessage());
        }
    }
}
