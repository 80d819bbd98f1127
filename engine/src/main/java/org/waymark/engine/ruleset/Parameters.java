package org.waymark.engine.ruleset;

import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A rule set's tunable values ({@code parameters.yaml}): thresholds, ages, counts and windows that
 * clinical leads change without editing DRL. Rules read them through the global {@code params}.
 * The compiler checks every {@code params.x("name")} in the DRL names a defined parameter, so an unknown
 * name is a load error, never a failure while evaluating a patient.
 */
public final class Parameters {
    /** One parameter: its value and why that value was chosen. */
    public record Parameter(String name, Object value, String description) {
    }

    private final Map<String, Parameter> values;

    public Parameters(Map<String, Parameter> values) {
        this.values = Map.copyOf(values);
    }

    /** No parameters (a rule set without {@code parameters.yaml}). */
    public static Parameters none() {
        return new Parameters(Map.of());
    }

    /** Every parameter by name, with its value and description. */
    public Map<String, Parameter> all() {
        return values;
    }

    /** Whether the rule set defines {@code name}. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The parameter's value as a number, e.g. {@code params.number("efi-moderate-above")}. */
    public double number(String name) {
        Object v = get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("parameter '" + name + "' is not a number: " + v);
    }

    /** The parameter's value as a whole number, e.g. {@code params.integer("frailty-min-age")}. */
    public int integer(String name) {
        Object v = get(name);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).intValue();
        }
        throw new IllegalArgumentException("parameter '" + name + "' is not a whole number: " + v);
    }

    /** The parameter's value as text. */
    public String text(String name) {
        return String.valueOf(get(name));
    }

    private Object get(String name) {
        Parameter p = values.get(name);
        if (p == null) {
            throw new NoSuchElementException("no parameter named '" + name + "'");
        }
        return p.value();
    }
}
