package org.waymark.engine.scenario;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.waymark.engine.evaluation.FiredRule;

/**
 * The outcome of replaying one scenario: what was recommended, what was expected but missing, what was
 * forbidden but appeared, and the rules that fired, so a failure can be explained. {@code failures}
 * holds further mismatches (e.g. pathway step states) as readable lines.
 */
public record ScenarioResult(Scenario scenario, List<String> ruleSets, Set<String> actual, Set<String> missing,
                             Set<String> unexpected, List<FiredRule> firedRules, List<String> failures) {
    public ScenarioResult {
        ruleSets = List.copyOf(ruleSets);
        actual = new TreeSet<>(actual);
        missing = new TreeSet<>(missing);
        unexpected = new TreeSet<>(unexpected);
        firedRules = List.copyOf(firedRules);
        failures = List.copyOf(failures);
    }

    public static ScenarioResult of(Scenario scenario, List<String> ruleSets, Set<String> actual, List<FiredRule> fired,
                                    List<String> failures) {
        Set<String> missing = new TreeSet<>(scenario.expectPresent());
        missing.removeAll(actual);
        Set<String> unexpected = new TreeSet<>(scenario.expectAbsent());
        unexpected.retainAll(actual);
        return new ScenarioResult(scenario, ruleSets, actual, missing, unexpected, fired, failures);
    }

    public boolean passed() {
        return missing.isEmpty() && unexpected.isEmpty() && failures.isEmpty();
    }

    /** One line per difference, e.g. "missing proactive-care.frailty-review". */
    public List<String> differences() {
        List<String> out = new java.util.ArrayList<>();
        missing.forEach(c -> out.add("expected but not recommended: " + c));
        unexpected.forEach(c -> out.add("recommended but expected absent: " + c));
        out.addAll(failures);
        return out;
    }
}
