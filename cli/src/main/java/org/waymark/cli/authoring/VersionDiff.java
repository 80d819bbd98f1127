package org.waymark.cli.authoring;

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
 * before activating it.
 */
final class VersionDiff {
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

    public static String render(Result r) {
        StringBuilder out = new StringBuilder();
        out.append(r.ruleSet()).append(' ').append(r.from()).append(" -> ").append(r.to()).append(": ")
                .append(r.changes().size()).append(" of ").append(r.patients()).append(" patients change\n");
        for (Change c : r.changes()) {
            out.append("  ").append(c.title()).append("  (").append(c.file()).append(")\n");
            c.gained().forEach(g -> out.append("      + ").append(g).append('\n'));
            c.lost().forEach(l -> out.append("      - ").append(l).append('\n'));
        }
        if (!r.perCode().isEmpty()) {
            out.append("per code (patients gaining / losing):\n");
            r.perCode().forEach((code, n) -> out.append(String.format("  %-50s +%d / -%d%n", code, n[0], n[1])));
        }
        r.errors().forEach(e -> out.append("  error: ").append(e).append('\n'));
        return out.toString();
    }
}
