package org.waymark.cli.authoring;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.waymark.engine.evaluation.FiredRule;
import org.waymark.engine.scenario.ScenarioResult;
import org.waymark.pathways.scenario.Replay;

/**
 * The replay report people read: one line per scenario, then each failure in full, then a summary that names the
 * failures, so a long CI log ends with what to look at.
 */
final class ReplayReport {
    private ReplayReport() {
    }

    static String table(List<Replay.Outcome> outcomes) {
        StringBuilder out = new StringBuilder();
        for (Replay.Outcome o : outcomes) {
            out.append(String.format(Locale.ROOT, "%s  %-28s %-52s %s%n", o.passed() ? "PASS" : "FAIL", o.suite(), o.id(), o.title()));
        }
        List<Replay.Outcome> failed = outcomes.stream().filter(o -> !o.passed()).toList();
        for (Replay.Outcome o : failed) {
            out.append('\n').append("FAIL  ").append(o.suite()).append(' ').append(o.id()).append(": ").append(o.title()).append('\n');
            out.append("      file:     ").append(o.file()).append('\n');
            out.append(failure(o, "      "));
        }
        out.append(String.format(Locale.ROOT, "%n%d scenarios: %d passed, %d failed%n", outcomes.size(), outcomes.size() - failed.size(), failed.size()));
        failed.forEach(o -> out.append("  failed: ").append(o.suite()).append(' ').append(o.id()).append('\n'));
        return out.toString();
    }

    /** What went wrong with a failed scenario, one labelled line each; also the body of a JUnit failure. */
    static String failure(Replay.Outcome o, String indent) {
        if (o.error().isPresent()) {
            return indent + "error:    " + o.error().get() + "\n";
        }
        ScenarioResult r = o.result().orElseThrow();
        StringBuilder out = new StringBuilder();
        out.append(indent).append("expected: ").append(expected(r)).append('\n');
        out.append(indent).append("actual:   ").append(r.actual().isEmpty() ? "(no recommendations)" : String.join(", ", r.actual())).append('\n');
        r.differences().forEach(d -> out.append(indent).append("diff:     ").append(d).append('\n'));
        out.append(indent).append("fired:    ").append(fired(r.firedRules())).append('\n');
        out.append(indent).append("versions: ").append(String.join(", ", r.ruleSets())).append('\n');
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
