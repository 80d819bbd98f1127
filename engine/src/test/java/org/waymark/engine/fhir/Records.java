package org.waymark.engine.fhir;

import java.time.Instant;
import java.util.List;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.facts.RecordEntry;

/**
 * Test helper: a Bundle of Patient/p1 plus the given resource JSON objects, read as facts by both readers,
 * the streaming reader ({@link RecordStream}) and the HAPI path ({@link FactMapper}), which must agree:
 * every test that reads through here runs against both.
 */
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
        return bothReaders(bundle(resources), asOf);
    }

    /** The streamed record, after checking that the HAPI path gives the same record, or also refuses it. */
    static PatientRecord bothReaders(String json, Instant asOf) throws RecordException {
        PatientRecord hapi;
        try {
            hapi = FactMapper.toRecord(RecordReader.resources(json, "record"), asOf);
        } catch (RecordException refused) {
            RecordException streamed = null;
            try {
                RecordStream.read(json, asOf);
            } catch (RecordException e) {
                streamed = e;
            }
            if (streamed == null) {
                throw new AssertionError("the HAPI path refused the record (" + refused.getMessage() + ") but the streaming reader read it");
            }
            throw streamed;
        }
        PatientRecord streamed = RecordStream.read(json, asOf);
        if (!streamed.equals(hapi)) {
            throw new AssertionError("the readers differ:\n HAPI:      " + hapi + "\n streaming: " + streamed);
        }
        return streamed;
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
