package org.waymark.engine.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.waymark.engine.facts.PatientRecord;

/**
 * Where FHIR JSON becomes facts: parses a Bundle or single resource with HAPI FHIR and hands the
 * resources to {@link FactMapper}. Unknown elements are tolerated (EHR exports carry extras); values of
 * the wrong type are errors that name the element.
 */
public final class RecordReader {
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
                        entry.getResource().setUserData(RecordIntegrity.FULL_URL, entry.getFullUrl());
                    }
                    out.add(entry.getResource());
                }
            }
        } else if (parsed instanceof Resource r) {
            out.add(r);
        }
        for (Resource r : out) {
            checkValueRange(r, where);
        }
        return out;
    }

    /** A decimal FHIR allows but a double cannot hold (e.g. 1e309) is refused, rather than becoming infinity in a rule. */
    private static void checkValueRange(Resource r, String where) throws RecordException {
        if (r instanceof Observation o && o.getValue() instanceof Quantity q && q.hasValue() && !Double.isFinite(q.getValue().doubleValue())
                || r instanceof Observation d && d.getValue() instanceof DecimalType v && v.hasValue() && !Double.isFinite(v.getValue().doubleValue())) {
            throw new RecordException(where + ": an Observation value is out of range (beyond +/-1.8e308)");
        }
    }

    public static PatientRecord read(String json, Instant asOf) throws RecordException {
        return FactMapper.toRecord(resources(json, "record"), asOf);
    }
}
