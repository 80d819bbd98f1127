package org.waymark.pathways.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioException;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioRunner;

/**
 * The effect of moving a rule set from one version to another: for each patient (scenario), the
 * recommendation codes gained and lost, and the counts per code, so a clinical lead sees what a change does
 * before activating it. One implementation for {@code waymark diff} and the evidence pack of a version review.
 */
public final class VersionDiff {
    /** One patient whose recommendations change. */
    public record Change(Path file, String title, Set<String> gained, Set<String> lost) {
    }

    /** All changes, and per code how many patients gain and lose it. */
    public record Result(String ruleSet, String from, String to, int patients, List<Change> changes, Map<String, int[]> perCode,
                         List<String> errors) {
    }

    private VersionDiff() {
    }

    public static Result compare(CompiledRuleSet from, CompiledRuleSet to, List<Path> scenarios) {
        ScenarioRunner runner = new ScenarioRunner();
        List<Change> changes = new ArrayList<>();
        Map<String, int[]> perCode = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (Path f : scenarios) {
            try {
                Scenario s = ScenarioLoader.load(f);
                Set<String> before = runner.run(s, List.of(from)).actual();
                Set<String> after = runner.run(s, List.of(to)).actual();
                Set<String> gained = new TreeSet<>(after);
                gained.removeAll(before);
                Set<String> lost = new TreeSet<>(before);
                lost.removeAll(after);
                if (!gained.isEmpty() || !lost.isEmpty()) {
                    changes.add(new Change(f, s.title(), gained, lost));
                    gained.forEach(c -> perCode.computeIfAbsent(c, k -> new int[2])[0]++);
                    lost.forEach(c -> perCode.computeIfAbsent(c, k -> new int[2])[1]++);
                }
            } catch (ScenarioException e) {
                errors.add(e.getMessage());
            }
        }
        return new Result(from.id(), from.version(), to.version(), scenarios.size(), changes, perCode, errors);
    }
}
