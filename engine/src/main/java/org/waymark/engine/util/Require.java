package org.waymark.engine.util;

/** Argument checks for records' validating constructors, one line for all the components that must be present. */
public final class Require {
    private Require() {
    }

    /**
     * Throws a {@link NullPointerException} naming the first of {@code values} that is null; {@code names} lists
     * the values' names in the same order, separated by commas (e.g. {@code "id, version"}).
     */
    public static void nonNull(String names, Object... values) {
        String[] name = names.split(",");
        if (name.length != values.length) {
            throw new IllegalArgumentException(name.length + " names for " + values.length + " values: " + names);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException(name[i].strip());
            }
        }
    }
}
