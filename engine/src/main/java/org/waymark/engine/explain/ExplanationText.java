package org.waymark.engine.explain;

import java.util.Map;

/**
 * An explanation as a table for people: per rule set and rule, fired or not, then each condition with ✓ (holds),
 * ✗ (does not hold), - (not reached) or ? (not explained), what it saw, and the care-pathway steps.
 */
public final class ExplanationText {
    private ExplanationText() {
    }

    public static String of(Explanation explanation) {
        StringBuilder out = new StringBuilder("As of ").append(explanation.asOf()).append('\n')
                .append("Recommendations: ").append(explanation.codes().isEmpty() ? "none" : String.join(", ", explanation.codes())).append('\n');
        for (RuleSetExplanation set : explanation.ruleSets()) {
            out.append('\n').append(set.id()).append(' ').append(set.version()).append('\n');
            for (RuleExplanation rule : set.rules()) {
                out.append(String.format("  %-36s %-9s %s%n", rule.id(), rule.fired() ? "fired" : "not fired",
                        rule.code().isEmpty() ? "(derives facts)" : rule.code()));
                rule.conditions().forEach(c -> condition(out, c));
            }
        }
        if (!explanation.pathwaySteps().isEmpty()) {
            out.append("\nPathway steps\n");
            for (StepExplanation s : explanation.pathwaySteps()) {
                out.append(String.format("  %s %s #%d (%s) %-24s %-12s standard %s%s%s%s%n", s.pathway(), s.version(), s.instance(),
                        s.instanceState(), s.step(), s.state(), s.standard(), s.timeToDone().isEmpty() ? "" : ", done after " + s.timeToDone(),
                        s.due().isEmpty() ? "" : ", due " + s.due(), s.overdueBy().isEmpty() ? "" : ", overdue by " + s.overdueBy()));
            }
        }
        return out.toString();
    }

    private static void condition(StringBuilder out, ConditionExplanation c) {
        out.append("    ").append(mark(c.status())).append(' ').append(c.number()).append(' ').append(oneLine(c.source()))
                .append("  (line ").append(c.line()).append(")\n");
        if (!c.note().isEmpty()) {
            out.append("        ").append(c.note()).append('\n');
        }
        for (CheckExplanation check : c.checks()) {
            out.append("        ").append(check.met() ? "✓ " : "✗ ").append(check.expression())
                    .append(check.of() > 1 ? " (met by " + check.metBy() + " of " + check.of() + ")" : "")
                    .append(check.values().isEmpty() ? "" : ": " + String.join("; ", check.values())).append('\n');
        }
        c.facts().forEach(f -> out.append("        - ").append(f).append('\n'));
        if (!c.parameters().isEmpty()) {
            out.append("        parameters: ").append(String.join(", ", c.parameters().entrySet().stream()
                    .map(Map.Entry::toString).map(s -> s.replace("=", " = ")).toList())).append('\n');
        }
    }

    private static String mark(ConditionExplanation.Status status) {
        return switch (status) {
            case MET -> "✓";
            case NOT_MET -> "✗";
            case NOT_REACHED -> "-";
            case NOT_EXPLAINED -> "?";
        };
    }

    private static String oneLine(String source) {
        return source.replaceAll("\\s+", " ").strip();
    }
}
