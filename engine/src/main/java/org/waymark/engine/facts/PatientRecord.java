package org.waymark.engine.facts;

import java.util.List;
import java.util.Objects;

/** A patient and the entries of their record, as facts. Immutable. */
public record PatientRecord(Patient patient, List<RecordEntry> entries) {
    public PatientRecord {
        Objects.requireNonNull(patient, "patient");
        entries = List.copyOf(entries);
    }
}
