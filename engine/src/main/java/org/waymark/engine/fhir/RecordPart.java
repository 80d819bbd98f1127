package org.waymark.engine.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;

/**
 * One resource of a patient's record as far as the facts need it: its type, id, Bundle fullUrl and the
 * elements the facts read. Either reader makes it ({@link RecordStream} from JSON, {@link FactMapper#part}
 * from a HAPI resource), and {@link RecordAssembler} makes a patient's parts into one record, so dedupe,
 * the one-patient rule, integrity and the as-of filter are the same for both.
 */
public final class RecordPart {
    private final String type;
    private final String id;
    private final String fullUrl;
    private final Sparse fields;

    private RecordPart(String type, String id, String fullUrl, Sparse fields) {
        this.type = Objects.requireNonNull(type, "type");
        this.id = id;
        this.fullUrl = fullUrl;
        this.fields = fields;
    }

    /**
     * {@code rawId} as written (HAPI keeps only the id part of {@code Patient/x/_history/1}); a Bundle entry's
     * resource without an id takes its fullUrl's id, as HAPI does. Refuses an Observation value beyond a double.
     */
    static RecordPart of(String type, String rawId, String fullUrl, Sparse fields, String where) throws RecordException {
        String id = rawId != null ? idPart(rawId) : fullUrl != null ? idPart(fullUrl) : null;
        if (type.equals("Observation")) {
            ObservationValues.checkRange(fields, where);
        }
        return new RecordPart(type, id, fullUrl, fields);
    }

    private static String idPart(String value) {
        return value.indexOf('/') < 0 && !value.startsWith("urn:") ? value : new IdType(value).getIdPart();
    }

    public String type() {
        return type;
    }

    /** The resource's logical id, if it has one. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * Whose record this part belongs in, for grouping lines by patient (screening): {@code Patient/<id>} for a
     * Patient, else its subject's or patient's reference as written; empty when it names no patient. Grouping
     * only: {@link RecordAssembler} still checks every reference against the record's Patient.
     */
    public Optional<String> patientKey() {
        if (type.equals("Patient")) {
            return id().map(i -> "Patient/" + i);
        }
        for (String element : FieldSpec.SUBJECT_ELEMENTS) {
            String reference = fields.one(element).text("reference");
            if (reference != null) {
                return Optional.of(reference);
            }
        }
        return Optional.empty();
    }

    /** An OperationOutcome reporting a warning or worse: a search result holding one is incomplete. */
    public boolean reportsProblem() {
        return type.equals("OperationOutcome")
                && fields.all("issue").stream().anyMatch(i -> !"information".equals(i.text("severity")));
    }

    Optional<String> fullUrl() {
        return Optional.ofNullable(fullUrl);
    }

    Sparse fields() {
        return fields;
    }

    /** The Patient's NHS numbers, as written (a Patient part only). */
    List<String> nhsNumbers() {
        List<String> numbers = new ArrayList<>(1);
        for (Sparse identifier : fields.all("identifier")) {
            if (NhsNumber.SYSTEM.equals(identifier.text("system")) && identifier.text("value") != null) {
                numbers.add(identifier.text("value"));
            }
        }
        return numbers;
    }

    /** The Patient's first NHS number that is not blank (a Patient part only). */
    Optional<String> nhsNumber() {
        for (String number : nhsNumbers()) {
            if (!number.isBlank()) {
                return Optional.of(number);
            }
        }
        return Optional.empty();
    }

    /** {@code Type/id}, or {@code Type/#index} for a resource without an id (index: its place in the record). */
    String reference(int index) {
        return type + "/" + (id != null ? id : "#" + index);
    }
}
