package org.waymark.engine.fhir;

import java.time.Instant;
import java.util.List;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.facts.RecordEntry;

/** Test helper: a Bundle of Patient/p1 plus the given resource JSON objects, read as facts. */
final class Records {
    private Records() {
    }

    static String bundle(String... resources) {
        StringBuilder b = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        b.append("{\"fullUrl\":\"urn:uuid:11111111-1111-4111-8111-111111111111\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"1940-01-01\"}}");
        for (String r : resources) {
            b.append(",{\"resource\":").append(r).append('}');
        }
        return b.append("]}").toString();
    }

    static PatientRecord read(Instant asOf, String... resources) throws RecordException {
        return RecordReader.read(bundle(resources), asOf);
    }

    /** The single entry the resource maps to. */
    static RecordEntry only(Instant asOf, String resource) throws RecordException {
        List<RecordEntry> entries = read(asOf, resource).entries();
        if (entries.size() != 1) {
            throw new AssertionError("expected one entry, got " + entries);
        }
        return entries.get(0);
    }
}
