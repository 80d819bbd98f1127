package org.waymark.engine.explain;

import org.waymark.engine.util.Require;

/**
 * A numeric comparison that did not hold: the value the record gave ({@code actual} of {@code expression}) against the
 * threshold it needed, and the rule-set parameter the threshold comes from ({@code ""} when it is written in the rule).
 */
public record NearMiss(String expression, String actual, String operator, String threshold, String parameter) {
    public NearMiss {
        Require.nonNull("expression, actual, operator, threshold, parameter", expression, actual, operator, threshold, parameter);
    }

    /** E.g. {@code Medication.distinctMedicines(this): 9, needs >= 10 (parameter medication-review-min-medicines)}. */
    public String text() {
        return expression + ": " + actual + ", needs " + operator + " " + threshold + (parameter.isEmpty() ? "" : " (parameter " + parameter + ")");
    }
}
