package org.waymark.engine.fhir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The elements of one FHIR resource that the facts read ({@link FieldSpec}), and nothing else: each element
 * name maps to its values, in order, as text (a primitive, as written; a date with its parsed value when the streaming
 * reader parsed it as it checked it) or a nested {@code Sparse}. Both
 * readers fill it (HAPI resources in {@link FactMapper}, JSON in {@link RecordStream}), so the facts are
 * made from one shape by one mapper ({@link EntryMapper}).
 *
 * <p>Held as name/value pairs in the order added, in one array (name, value, name, value...), searched in a line:
 * an element has a handful of members, and the names are {@link FieldSpec}'s constants, so a scan is cheaper than
 * hashing (this is the reader's hot path). A name that is not the same instance is told apart by its cached hash
 * first, so a miss (most lookups of an optional element) does not compare text.
 */
final class Sparse {
    static final Sparse EMPTY = new Sparse(0);
    /** Name at even indexes, its value after it. */
    private Object[] slots;
    private int size;

    /** An element of {@code names} possible members (its {@link FieldSpec} entries), with room for them, up to eight, before it grows. */
    Sparse(int names) {
        slots = new Object[2 * Math.min(names, 8)];
    }

    void add(String name, Object value) {
        if (2 * size == slots.length) {
            slots = Arrays.copyOf(slots, Math.max(4, 2 * slots.length));
        }
        slots[2 * size] = name;
        slots[2 * size + 1] = value;
        size++;
    }

    boolean has(String name) {
        return first(name) >= 0;
    }

    /**
     * The first value of the member {@code name}, or null. A member of a nested element is read through {@link #one}
     * ({@code one("period").text("start")}): no path to split on each call.
     */
    String text(String name) {
        int i = first(name);
        if (i < 0) {
            return null;
        }
        Object value = slots[2 * i + 1];
        return value instanceof String s ? s : value instanceof Dated d ? d.text() : null;
    }

    /**
     * The first value of the date element {@code name}, or null: as the streaming reader read it (parsed once, as it
     * checked it), or as text to parse.
     */
    Dated date(String name) {
        int i = first(name);
        if (i < 0) {
            return null;
        }
        Object value = slots[2 * i + 1];
        return value instanceof Dated d ? d : value instanceof String s ? new Dated(s, null) : null;
    }

    /** A date element's text as written and, when already parsed, its value ({@code when} null: not yet parsed). */
    record Dated(String text, When when) {
        When value() {
            return when != null ? when : When.of(text);
        }
    }

    /** The first nested element named {@code name}, or {@link #EMPTY}. */
    Sparse one(String name) {
        int i = first(name);
        return i >= 0 && slots[2 * i + 1] instanceof Sparse s ? s : EMPTY;
    }

    /** Every nested element named {@code name}, in order (an unmodifiable list). */
    List<Sparse> all(String name) {
        int i = first(name);
        if (i < 0) {
            return List.of();
        }
        List<Sparse> out = null;
        for (int j = i + 1; j < size; j++) {
            if (slots[2 * j].equals(name)) {
                if (out == null) {
                    out = new ArrayList<>();
                    out.add((Sparse) slots[2 * i + 1]);
                }
                out.add((Sparse) slots[2 * j + 1]);
            }
        }
        // Most elements occur once: no list to grow then.
        return out == null ? List.of((Sparse) slots[2 * i + 1]) : Collections.unmodifiableList(out);
    }

    /** The index of the first member named {@code name}, or -1; names are usually the same constant instance. */
    private int first(String name) {
        int hash = name.hashCode();
        for (int i = 0; i < size; i++) {
            String n = (String) slots[2 * i];
            if (n == name || n.hashCode() == hash && n.equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
