package org.waymark.engine.scenario;

import java.util.Set;
import java.util.TreeSet;

/**
 * Codes a scenario expects (present or absent) that no rule set or pathway defines: a misspelt code under
 * {@code absent:} would otherwise pass for ever. Lint and replay both refuse them.
 */
public final class ExpectedCodes {
    private ExpectedCodes() {
    }

    /** The scenario's expected codes missing from {@code known}, sorted. */
    public static Set<String> unknown(Scenario scenario, Set<String> known) {
        Set<String> out = new TreeSet<>(scenario.expectPresent());
        out.addAll(scenario.expectAbsent());
        out.removeAll(known);
        return out;
    }

    public static String message(String code) {
        return "expect names " + code + ", which no rule set or pathway defines (misspelt?)";
    }
}
