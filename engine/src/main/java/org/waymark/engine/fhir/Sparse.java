package org.waymark.engine.fhir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The elements of one FHIR resource that the facts read ({@link FieldSpec}), and nothing else: each element
 * name maps to its values, in order, as text (a primitive, as written) or a nested {@code Sparse}. Both
 * readers fill it (HAPI resources in {@link FactMapper}, JSON in {@link RecordStream}), so the facts are
 * made from one shape by one mapper ({@link EntryMapper}).
 *
 * <p>Held as name/value pairs in the order added, searched in a line: an element has a handful of members,
 * and the names are {@link FieldSpec}'s constants, so a scan is cheaper than hashing (this is the reader's hot path).
 */
final class Sparse {
    static final Sparse EMPTY = new Sparse();
    private String[] names = new String[4];
    private Object[] values = new Object[4];
    private int size;

    void add(String name, Object value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value;
    }

    boolean has(String name) {
        return first(name) >= 0;
    }

    /** The first value of a dotted path such as {@code period.start}, or null. */
    String text(String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            int i = first(path);
            return i >= 0 && values[i] instanceof String s ? s : null;
        }
        Sparse at = this;
        int from = 0;
        for (; dot >= 0; from = dot + 1, dot = path.indexOf('.', from)) {
            int i = at.first(path, from, dot);
            at = i >= 0 && at.values[i] instanceof Sparse s ? s : EMPTY;
        }
        int i = at.first(path, from, path.length());
        return i >= 0 && at.values[i] instanceof String s ? s : null;
    }

    /** The first nested element named {@code name}, or {@link #EMPTY}. */
    Sparse one(String name) {
        int i = first(name);
        return i >= 0 && values[i] instanceof Sparse s ? s : EMPTY;
    }

    /** Every nested element named {@code name}, in order (an unmodifiable list). */
    List<Sparse> all(String name) {
        int i = first(name);
        if (i < 0) {
            return List.of();
        }
        List<Sparse> out = null;
        for (int j = i + 1; j < size; j++) {
            if (names[j].equals(name)) {
                if (out == null) {
                    out = new ArrayList<>();
                    out.add((Sparse) values[i]);
                }
                out.add((Sparse) values[j]);
            }
        }
        // Most elements occur once: no list to grow then.
        return out == null ? List.of((Sparse) values[i]) : Collections.unmodifiableList(out);
    }

    /** The index of the first member named {@code name}, or -1; names are usually the same constant instance. */
    private int first(String name) {
        for (int i = 0; i < size; i++) {
            String n = names[i];
            if (n == name || n.length() == name.length() && n.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first member named {@code path[from, to)}, or -1. */
    private int first(String path, int from, int to) {
        int length = to - from;
        for (int i = 0; i < size; i++) {
            String n = names[i];
            if (n.length() == length && path.startsWith(n, from)) {
                return i;
            }
        }
        return -1;
    }
}
