package org.waymark.engine.fhir;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Patient safety: no entry that names another patient may be evidence for the patient on screen. Every
 * resource's {@code subject} and {@code patient} must name the record's Patient, written as a relative
 * ({@code Patient/x}) or absolute ({@code https://host/fhir/Patient/x}) reference, or as the
 * {@code urn:uuid:} full URL under which the Patient sits in the Bundle. A reference that cannot be shown
 * to be the record's Patient (another id, another resource type, an unknown {@code urn:uuid}, an NHS
 * number that differs) refuses the whole record: a mixed-up record is not safe to advise on. A resource
 * without subject or patient is kept (the record is one patient's by construction).
 */
final class RecordIntegrity {
    /** User-data key under which {@link RecordReader} keeps a Bundle entry's fullUrl on its resource. */
    static final String FULL_URL = "waymark.fullUrl";
    private static final List<String> SUBJECT_ELEMENTS = List.of("subject", "patient");

    private RecordIntegrity() {
    }

    /** Throws when {@code resource} (the {@code index}-th of the record) names a patient other than {@code patient}. */
    static void check(Resource resource, int index, org.hl7.fhir.r4.model.Patient patient) throws RecordException {
        for (String element : SUBJECT_ELEMENTS) {
            Property property = resource.getNamedProperty(element);
            if (property == null) {
                continue;
            }
            for (Base value : property.getValues()) {
                if (value instanceof Reference ref && !ref.isEmpty() && !isPatient(ref, patient)) {
                    throw new RecordException(FactMapper.reference(resource, index) + " (entry " + index + ") has " + element + " "
                            + describe(ref) + ", which is not the record's " + FactMapper.reference(patient, 0)
                            + "; an entry for another patient is never used as evidence, so the record was refused");
                }
            }
        }
    }

    private static boolean isPatient(Reference ref, org.hl7.fhir.r4.model.Patient patient) {
        if (ref.hasReference()) {
            String target = ref.getReference().strip();
            if (target.startsWith("urn:uuid:") || target.startsWith("urn:oid:")) {
                return target.equals(fullUrl(patient).orElse(null));
            }
            IdType id = new IdType(target);
            return "Patient".equals(id.getResourceType()) && id.hasIdPart() && id.getIdPart().equals(patient.getIdElement().getIdPart())
                    || target.equals(fullUrl(patient).orElse(null));
        }
        // A logical reference by identifier only: an NHS number must be the Patient's own.
        if (ref.hasIdentifier() && NhsNumber.SYSTEM.equals(ref.getIdentifier().getSystem())) {
            String nhs = ref.getIdentifier().getValue();
            return patient.getIdentifier().stream().filter(i -> NhsNumber.SYSTEM.equals(i.getSystem()))
                    .map(Identifier::getValue).anyMatch(v -> v != null && v.equals(nhs));
        }
        return true;
    }

    private static Optional<String> fullUrl(org.hl7.fhir.r4.model.Patient patient) {
        return Optional.ofNullable((String) patient.getUserData(FULL_URL));
    }

    private static String describe(Reference ref) {
        // An NHS number is an identifier: it is not repeated in the message (messages may reach logs).
        return ref.hasReference() ? "'" + ref.getReference() + "'" : "an NHS number";
    }
}
