package org.waymark.engine.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.facts.RecordEntry;

/**
 * Makes one patient's {@link RecordPart}s into the record, whichever reader read them: repeated resources
 * count once, there is exactly one Patient, every entry must be about that Patient ({@link RecordIntegrity}),
 * and nothing dated after the evaluation instant counts.
 */
public final class RecordAssembler {
    /**
     * A resource's type and id: the same resource counts once. Equality written out: a record's generated methods go
     * through method handles, which cost several times more at C1 (screening runs with C1 only), for every resource read.
     */
    private record Key(String type, String id) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && type.equals(k.type) && id.equals(k.id);
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + id.hashCode();
        }
    }

    private RecordAssembler() {
    }

    /**
     * The record of the single patient in {@code parts}, as of {@code asOf}: ages are at that instant and
     * nothing dated after it counts. Entries dated after {@code asOf} (compared at their own precision, so an
     * entry dated today counts) are dropped here, once, so rule sets, pathways and screening see the same
     * record; an encounter that started before {@code asOf} and ends after it is kept as not yet ended.
     * Undated entries are kept. Throws when the record names another patient (see {@link RecordIntegrity}).
     */
    public static PatientRecord assemble(List<RecordPart> parts, Instant asOf) throws RecordException {
        RecordPart patient = null;
        List<Integer> others = new ArrayList<>();
        // Sized for every part at once: a realistic record has hundreds, and growing the set rehashes them all.
        Set<Key> seen = new HashSet<>(parts.size() * 4 / 3 + 1);
        for (int i = 0; i < parts.size(); i++) {
            RecordPart part = parts.get(i);
            // The same resource can arrive under two prefetch keys (e.g. the discharge encounter and all encounters).
            if (part.id().isPresent() && !seen.add(new Key(part.type(), part.id().get()))) {
                continue;
            }
            if (part.type().equals("Patient")) {
                if (patient != null && !(patient.id().isPresent() && patient.id().equals(part.id()))) {
                    throw new RecordException("the record holds more than one Patient (" + patient.reference(0)
                            + " and " + part.reference(i) + "); evaluate one patient at a time");
                }
                patient = part;
            } else {
                others.add(i);
            }
        }
        if (patient == null) {
            throw new RecordException("the record has no Patient resource");
        }
        List<RecordEntry> entries = new ArrayList<>();
        for (int i : others) {
            RecordIntegrity.check(parts.get(i), i, patient);
            EntryMapper.entry(parts.get(i), i, asOf).ifPresent(entries::add);
        }
        return new PatientRecord(EntryMapper.patient(patient, asOf), entries);
    }
}
