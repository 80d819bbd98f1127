package org.waymark.engine.valueset;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A number for each code (of its system) listed by any value set this process has loaded, given when the first value
 * set listing it is built and never taken back, so one lookup per coding of a record ({@link RecordCodes}) serves every
 * rule set and pathway that tags it. A code no value set lists has no number: it is in none of them. Grows only with
 * the distinct codes of the code lists loaded, never with the records read.
 */
final class CodeNumbers {
    private record Numbered(String system, int number) {
    }

    private static final ConcurrentHashMap<String, Numbered[]> BY_CODE = new ConcurrentHashMap<>();
    private static int next; // guarded by the class lock

    private CodeNumbers() {
    }

    /** The number of {@code code} of {@code system}, given now if it has none. */
    static synchronized int assign(String system, String code) {
        Numbered[] known = BY_CODE.get(code);
        int found = find(known, system);
        if (found >= 0) {
            return found;
        }
        Numbered[] grown = known == null ? new Numbered[1] : Arrays.copyOf(known, known.length + 1);
        grown[grown.length - 1] = new Numbered(system, next);
        BY_CODE.put(code, grown);
        return next++;
    }

    /** The number of {@code code} of {@code system}, or -1 when no value set built so far lists it. */
    static int of(String system, String code) {
        return find(BY_CODE.get(code), system);
    }

    // Almost every code is in one system only, so the array has one element.
    private static int find(Numbered[] known, String system) {
        if (known != null) {
            for (Numbered n : known) {
                if (n.system().equals(system)) {
                    return n.number();
                }
            }
        }
        return -1;
    }
}
