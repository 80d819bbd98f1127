package org.waymark.engine.fhir;

import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.IdType;

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
    /** Each subject element under each JSON name it can have (the plain name, or the Reference choice). */
    private static final Named[] NAMES = FieldSpec.SUBJECT_ELEMENTS.stream()
            .flatMap(e -> Stream.of(new Named(e, e), new Named(e, (e + "Reference").intern()))).toArray(Named[]::new);

    private record Named(String element, String name) {
    }

    private RecordIntegrity() {
    }

    /** Throws when {@code part} (the {@code index}-th of the record) names a patient other than {@code patient}. */
    static void check(RecordPart part, int index, RecordPart patient) throws RecordException {
        for (Named named : NAMES) {
            // Indexed loops: this runs for every resource of every record, and most of these lists are empty.
            List<Sparse> refs = part.fields().all(named.name());
            for (int i = 0; i < refs.size(); i++) {
                Sparse ref = refs.get(i);
                if (!isPatient(ref, patient)) {
                    throw new RecordException(part.reference(index) + " (entry " + index + ") has " + named.element() + " "
                            + describe(ref) + ", which is not the record's " + patient.reference(0)
                            + "; an entry for another patient is never used as evidence, so the record was refused");
                }
            }
        }
    }

    private static boolean isPatient(Sparse ref, RecordPart patient) {
        String reference = ref.text("reference");
        String fullUrl = patient.fullUrl().orElse(null);
        if (reference != null) {
            String target = reference.strip();
            if (target.startsWith("urn:uuid:") || target.startsWith("urn:oid:")) {
                return target.equals(fullUrl);
            }
            if (isPatientId(target, patient.id().orElse(null))) {
                return true;
            }
            IdType id = new IdType(target);
            return "Patient".equals(id.getResourceType()) && id.hasIdPart() && id.getIdPart().equals(patient.id().orElse(null))
                    || target.equals(fullUrl);
        }
        // A logical reference by identifier only: an NHS number must be the Patient's own.
        if (NhsNumber.SYSTEM.equals(ref.one("identifier").text("system"))) {
            return patient.nhsNumbers().contains(ref.one("identifier").text("value"));
        }
        return true;
    }

    /**
     * The common case without parsing: {@code target} is exactly {@code Patient/<id>} for an id without a slash, which
     * {@link IdType} reads as that Patient's id.
     */
    private static boolean isPatientId(String target, String id) {
        return id != null && !id.isBlank() && id.indexOf('/') < 0 && target.length() == "Patient/".length() + id.length()
                && target.startsWith("Patient/") && target.endsWith(id);
    }

    private static String describe(Sparse ref) {
        // An NHS number is an identifier: it is not repeated in the message (messages may reach logs).
        return ref.text("reference") != null ? "'" + ref.text("reference") + "'" : "an NHS number";
    }
}
