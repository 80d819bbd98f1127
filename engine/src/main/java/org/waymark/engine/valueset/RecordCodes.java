package org.waymark.engine.valueset;

import java.util.Arrays;
import java.util.List;
import org.waymark.engine.facts.Coding;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.facts.RecordEntry;

/**
 * The codes of each entry of a record as {@link CodeNumbers}, looked up once, for every rule set, shared definition
 * and pathway that then tags the entries with their memberships ({@link ValueSets#membershipsOf(int[])}): one lookup
 * per coding instead of one per coding for each of them. Codes no value set lists are left out. Take it after the
 * value sets it is used with were built (they number their codes as they are built).
 */
public final class RecordCodes {
    private static final int[] NONE = {};
    private final int[][] byEntry;

    private RecordCodes(int[][] byEntry) {
        this.byEntry = byEntry;
    }

    public static RecordCodes of(PatientRecord record) {
        List<RecordEntry> entries = record.entries();
        int[][] byEntry = new int[entries.size()][];
        for (int i = 0; i < byEntry.length; i++) {
            byEntry[i] = numbers(entries.get(i).codes());
        }
        return new RecordCodes(byEntry);
    }

    static int[] numbers(List<Coding> codes) {
        int[] out = null;
        int n = 0;
        for (int i = 0; i < codes.size(); i++) {
            Coding c = codes.get(i);
            int number = CodeNumbers.of(c.system(), c.code());
            if (number >= 0) {
                if (out == null) {
                    out = new int[codes.size() - i];
                }
                out[n++] = number;
            }
        }
        return out == null ? NONE : n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The numbers of the codes of the record's {@code index}-th entry. */
    public int[] entry(int index) {
        return byEntry[index];
    }
}
