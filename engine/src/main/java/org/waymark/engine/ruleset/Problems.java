package org.waymark.engine.ruleset;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a rule-set folder loads, so one pass reports all of them. */
final class Problems {
    private final List<Problem> list = new ArrayList<>();

    void add(String file, int line, String message) {
        list.add(new Problem(file, line, message));
    }

    boolean any() {
        return !list.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(list);
    }
}
