package org.waymark.engine.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.waymark.engine.facts.PatientRecord;

/**
 * FHIR JSON to facts. {@link #read} uses the streaming reader ({@link RecordStream}); {@link #resources}
 * parses with HAPI FHIR, for callers that need full resources (draft orders) and for the HAPI path of
 * {@link FactMapper}. Unknown elements are tolerated (EHR exports carry extras); invalid values are errors
 * that name the element.
 */
public final class RecordReader {
    /** User-data key under which a Bundle entry's fullUrl is kept on its resource, for urn:uuid references ({@link RecordIntegrity}). */
    static final String FULL_URL = "waymark.fullUrl";

    private RecordReader() {
    }

    public static IParser parser() {
        LenientErrorHandler handler = new LenientErrorHandler(false).setErrorOnInvalidValue(true);
        return Fhir.jsonParser().setParserErrorHandler(handler);
    }

    /** Parses one JSON resource; a Bundle yields its entries' resources. {@code where} names the input in errors. */
    public static List<Resource> resources(String json, String where) throws RecordException {
        IBaseResource parsed;
        try {
            parsed = parser().parseResource(json);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new RecordException(where + ": not a valid FHIR R4 resource: " + e.getMessage(), e);
        }
        List<Resource> out = new ArrayList<>();
        if (parsed instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.hasResource()) {
                    if (entry.hasFullUrl()) {
                        // Kept so urn:uuid references can be resolved to the Patient (RecordIntegrity).
                        entry.getResource().setUserData(FULL_URL, entry.getFullUrl());
                    }
                    out.add(entry.getResource());
                }
            }
        } else if (parsed instanceof Resource r) {
            out.add(r);
        }
        for (Resource r : out) {
            if (r instanceof org.hl7.fhir.r4.model.Observation) {
                FactMapper.part(r, where); // refuses a value beyond a double (1e309) rather than reading it as infinity
            }
        }
        return out;
    }

    /** The record in {@code json}, read by the streaming reader ({@link RecordStream}). */
    public static PatientRecord read(String json, Instant asOf) throws RecordException {
        return RecordStream.read(json, asOf);
    }
}
