package org.waymark.cli.authoring;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.waymark.engine.evaluation.FiredRule;
import org.waymark.engine.scenario.ScenarioResult;
import org.waymark.pathways.scenario.Replay;

/** The replay table people read: scenario, expected, actual, pass/fail, and for a failure the difference and the rules that fired. */
final class ReplayReport {
    private ReplayReport() {
    }

    public static String table(List<Replay.Outcome> outcomes) {
        StringBuilder out = new StringBuilder();
        int passed = 0;
        for (Replay.Outcome o : outcomes) {
            out.append(o.passed() ? "PASS  " : "FAIL  ").append(o.title()).append('\n');
            out.append("      file:     ").append(o.file()).append('\n');
            if (o.error().isPresent()) {
                out.append("      error:    ").append(o.error().get()).append('\n');
                continue;
            }
            ScenarioResult r = o.result().orElseThrow();
            out.append("      expected: ").append(expected(r)).append('\n');
            out.append("      actual:   ").append(r.actual().isEmpty() ? "(no recommendations)" : String.join(", ", r.actual())).append('\n');
            if (r.passed()) {
                passed++;
            } else {
                r.differences().forEach(d -> out.append("      diff:     ").append(d).append('\n'));
                out.append("      fired:    ").append(fired(r.firedRules())).append('\n');
                out.append("      versions: ").append(String.join(", ", r.ruleSets())).append('\n');
            }
        }
        out.append(String.format(Locale.ROOT, "%d passed, %d failed%n", passed, outcomes.size() - passed));
        return out.toString();
    }

    static String expected(ScenarioResult r) {
        StringBuilder s = new StringBuilder();
        if (!r.scenario().expectPresent().isEmpty()) {
            s.append("present ").append(sorted(r.scenario().expectPresent()));
        }
        if (!r.scenario().expectAbsent().isEmpty()) {
            s.append(s.isEmpty() ? "" : "; ").append("absent ").append(sorted(r.scenario().expectAbsent()));
        }
        if (!r.scenario().expectPathways().isEmpty()) {
            s.append(s.isEmpty() ? "" : "; ").append(r.scenario().expectPathways().size()).append(" pathway step states");
        }
        return s.toString();
    }

    static String fired(List<FiredRule> rules) {
        return rules.isEmpty() ? "(none)" : rules.stream().map(f -> f.ruleSetId() + "@" + f.ruleSetVersion() + ":" + f.ruleId())
                .distinct().collect(Collectors.joining(", "));
    }

    private static String sorted(Set<String> codes) {
        return codes.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
