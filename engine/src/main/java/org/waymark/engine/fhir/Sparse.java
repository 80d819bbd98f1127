package org.waymark.engine.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The elements of one FHIR resource that the facts read ({@link FieldSpec}), and nothing else: each element
 * name maps to its values, in order, as text (a primitive, as written) or a nested {@code Sparse}. Both
 * readers fill it (HAPI resources in {@link FactMapper}, JSON in {@link RecordStream}), so the facts are
 * made from one shape by one mapper ({@link EntryMapper}).
 */
final class Sparse {
    static final Sparse EMPTY = new Sparse();
    private static final Map<String, String[]> PATHS = new ConcurrentHashMap<>();
    private final Map<String, List<Object>> children = new HashMap<>(8);

    void add(String name, Object value) {
        children.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }

    boolean has(String name) {
        return children.containsKey(name);
    }

    /** The first value of a dotted path such as {@code period.start}, or null. */
    String text(String path) {
        if (path.indexOf('.') < 0) {
            List<Object> values = children.get(path);
            return values == null || !(values.get(0) instanceof String s) ? null : s;
        }
        // Paths are a few constants: split once, not on every read of every resource.
        String[] names = PATHS.computeIfAbsent(path, p -> p.split("\\."));
        Sparse at = this;
        for (int i = 0; i < names.length - 1; i++) {
            at = at.one(names[i]);
        }
        return at.text(names[names.length - 1]);
    }

    /** The first nested element named {@code name}, or {@link #EMPTY}. */
    Sparse one(String name) {
        List<Object> values = children.get(name);
        return values == null || !(values.get(0) instanceof Sparse s) ? EMPTY : s;
    }

    /** Every nested element named {@code name}. */
    List<Sparse> all(String name) {
        List<Object> values = children.get(name);
        if (values == null) {
            return List.of();
        }
        List<Sparse> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add((Sparse) v));
        return out;
    }
}
