package org.waymark.api.operations;

import java.util.Arrays;
import java.util.OptionalDouble;

/** Reads one sample out of Prometheus text format, for tests. */
final class Prometheus {
    private Prometheus() {
    }

    /** The value of the sample named {@code name} whose labels include every {@code key="value"} given, if there is one. */
    static OptionalDouble sample(String text, String name, String... labels) {
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst();
    }
}
