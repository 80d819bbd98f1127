package org.waymark.engine.explain;

import java.util.List;
import org.waymark.engine.util.Require;

/** A rule of a DRL file as written: its name and its top-level conditions, numbered from 1. */
record ParsedRule(String name, List<Element> elements) {
    ParsedRule {
        Require.nonNull("name, elements", name, elements);
        elements = List.copyOf(elements);
    }
}
