package org.waymark.engine.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.waymark.engine.facts.CarePlan;
import org.waymark.engine.facts.Coding;
import org.waymark.engine.facts.Condition;
import org.waymark.engine.facts.Encounter;
import org.waymark.engine.facts.Flag;
import org.waymark.engine.facts.Immunization;
import org.waymark.engine.facts.Medication;
import org.waymark.engine.facts.Observation;
import org.waymark.engine.facts.Patient;
import org.waymark.engine.facts.Procedure;
import org.waymark.engine.facts.RecordEntry;
import org.waymark.engine.facts.Referral;
import org.waymark.engine.time.EvaluationTime;

/**
 * The one place a resource's elements become a fact, whichever reader read them. Entries that do not count
 * under CR-0 (refuted, entered in error, not completed, inactive) are left out here, once, so no rule has
 * to re-check a status. Resource types Waymark does not use map to nothing, not errors.
 */
final class EntryMapper {
    private static final Set<String> COUNTING_CLINICAL = Set.of("active", "recurrence", "relapse");
    private static final Set<String> NOT_VERIFIED = Set.of("refuted", "entered-in-error");
    private static final Set<String> COUNTING_OBSERVATION = Set.of("final", "amended", "corrected");
    private static final Set<String> NOT_AN_ENCOUNTER = Set.of("cancelled", "entered-in-error");
    private static final Set<String> COUNTING_CARE_PLAN = Set.of("active", "completed");
    private static final Set<String> NOT_A_REFERRAL = Set.of("revoked", "entered-in-error", "draft");
    private static final Set<String> INPATIENT_CLASSES = Set.of("IMP", "ACUTE", "NONAC");

    private EntryMapper() {
    }

    static Patient patient(RecordPart part, Instant asOf) {
        Sparse p = part.fields();
        LocalDate today = EvaluationTime.of(asOf).date();
        Optional<LocalDate> birthDate = When.localDate(p.text("birthDate"));
        Integer age = birthDate.filter(b -> !b.isAfter(today)).map(b -> Period.between(b, today).getYears()).orElse(null);
        Optional<String> nhs = part.nhsNumber();
        boolean deceased;
        Optional<Instant> deceasedAt = Optional.empty();
        if (p.text("deceasedDateTime") != null) {
            Instant died = When.of(p.date("deceasedDateTime")).at().orElse(asOf);
            deceased = !died.isAfter(asOf);
            deceasedAt = deceased ? Optional.of(died) : Optional.empty();
        } else {
            deceased = "true".equals(p.text("deceasedBoolean"));
        }
        String sex = p.text("gender") == null ? "unknown" : p.text("gender");
        Optional<String> practice = practice(p);
        return new Patient(part.reference(0), nhs, nhs.map(NhsNumber::isValid).orElse(false), birthDate, age, sex, deceased, deceasedAt, practice,
                postcode(p), EthnicGroup.of(p));
    }

    /**
     * The first general practitioner named by an identifier value or a reference. Loops rather than streams here and in
     * {@link #postcode}: once per patient, and `waymark screen` runs C1-compiled code, where a stream pipeline costs
     * several times its loop.
     */
    private static Optional<String> practice(Sparse p) {
        for (Sparse ref : p.all("generalPractitioner")) {
            String value = ref.one("identifier").text("value") != null ? ref.one("identifier").text("value") : ref.text("reference");
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The postcode of the home address, else of any address that is not an old one. */
    private static Optional<String> postcode(Sparse p) {
        String any = null;
        for (Sparse a : p.all("address")) {
            String postcode = a.text("postalCode");
            if ("old".equals(a.text("use")) || postcode == null || postcode.isBlank()) {
                continue;
            }
            if ("home".equals(a.text("use"))) {
                return Optional.of(postcode.strip());
            }
            any = any == null ? postcode.strip() : any;
        }
        return Optional.ofNullable(any);
    }

    /** The entry {@code part} maps to, or empty when it does not count or is dated after {@code asOf}. */
    static Optional<RecordEntry> entry(RecordPart part, int index, Instant asOf) {
        String ref = part.reference(index);
        Sparse r = part.fields();
        RecordEntry entry = switch (part.type()) {
            case "Condition" -> condition(r, ref);
            case "Observation" -> observation(r, ref);
            case "Procedure" -> procedure(r, ref);
            case "Encounter" -> encounter(r, ref, asOf);
            case "MedicationRequest" -> medicationRequest(r, ref);
            case "MedicationStatement" -> medicationStatement(r, ref);
            case "CarePlan" -> carePlan(r, ref);
            case "Flag" -> flag(r, ref);
            case "ServiceRequest" -> referral(r, ref);
            case "Immunization" -> immunization(r, ref);
            default -> null;
        };
        // Nothing after the evaluation instant counts; an entry dated today (date only) is not after it.
        return entry != null && (!entry.dated() || entry.onOrBefore(asOf)) ? Optional.of(entry) : Optional.empty();
    }

    private static RecordEntry condition(Sparse c, String ref) {
        String clinical = firstCode(c.one("clinicalStatus"));
        String verification = firstCode(c.one("verificationStatus"));
        if (!clinical.isEmpty() && !COUNTING_CLINICAL.contains(clinical) || NOT_VERIFIED.contains(verification)) {
            return null;
        }
        When at = firstDate(c.date("onsetDateTime"), c.one("onsetPeriod").date("start"), c.date("recordedDate"));
        return new Condition(ref, codings(c.one("code")), Set.of(), at.at(), at.dateOnly(), clinical.isEmpty() ? "active" : clinical);
    }

    private static RecordEntry observation(Sparse o, String ref) {
        String status = o.text("status");
        if (status != null && !COUNTING_OBSERVATION.contains(status)) {
            return null;
        }
        List<Coding> codes = new ArrayList<>();
        codings(o.one("code"), codes);
        codings(o.one("valueCodeableConcept"), codes);
        When at = firstDate(o.date("effectiveDateTime"), o.one("effectivePeriod").date("start"), o.date("effectiveInstant"));
        if (at.at().isEmpty()) {
            at = When.instant(o.date("issued"));
        }
        return new Observation(ref, codes, Set.of(), at.at(), at.dateOnly(), ObservationValues.number(o), ObservationValues.unit(o));
    }

    private static RecordEntry procedure(Sparse p, String ref) {
        if (!"completed".equals(p.text("status"))) {
            return null;
        }
        When at = firstDate(p.date("performedDateTime"), p.one("performedPeriod").date("start"));
        return new Procedure(ref, codings(p.one("code")), Set.of(), at.at(), at.dateOnly());
    }

    private static RecordEntry encounter(Sparse e, String ref, Instant asOf) {
        if (NOT_AN_ENCOUNTER.contains(String.valueOf(e.text("status")))) {
            return null;
        }
        List<Coding> codes = new ArrayList<>();
        e.all("type").forEach(t -> codings(t, codes));
        String classCode = orEmpty(e.one("class").text("code"));
        String priority = firstCode(e.one("priority"));
        String admitSource = firstCode(e.one("hospitalization").one("admitSource"));
        boolean inpatient = INPATIENT_CLASSES.contains(classCode);
        boolean emergency = classCode.equals("EMER")
                || inpatient && (priority.equals("EM") || admitSource.equals("emd"))
                || EmergencyDepartment.isAttendance(codes);
        When start = When.of(e.one("period").date("start"));
        When end = When.of(e.one("period").date("end"));
        // An end after the evaluation instant has not happened yet: the encounter is still open as of then.
        Optional<Instant> endAt = end.after(asOf) ? Optional.empty() : end.at();
        return new Encounter(ref, codes, Set.of(), start.at(), start.dateOnly(), endAt, classCode, emergency);
    }

    private static RecordEntry medicationRequest(Sparse m, String ref) {
        if (!"active".equals(m.text("status"))) {
            return null;
        }
        When at = When.of(m.date("authoredOn"));
        return new Medication(ref, codings(m.one("medicationCodeableConcept")), Set.of(), at.at(), at.dateOnly(), MedicationCourse.isRepeat(m));
    }

    /** Active statements are taken as current repeat medicines: GP extracts export long-term repeats this way. */
    private static RecordEntry medicationStatement(Sparse m, String ref) {
        if (!"active".equals(m.text("status"))) {
            return null;
        }
        When at = firstDate(m.date("effectiveDateTime"), m.one("effectivePeriod").date("start"), m.date("dateAsserted"));
        return new Medication(ref, codings(m.one("medicationCodeableConcept")), Set.of(), at.at(), at.dateOnly(), true);
    }

    private static RecordEntry carePlan(Sparse c, String ref) {
        String status = orEmpty(c.text("status"));
        if (!COUNTING_CARE_PLAN.contains(status)) {
            return null;
        }
        List<Coding> codes = new ArrayList<>();
        c.all("category").forEach(cat -> codings(cat, codes));
        When at = firstDate(c.one("period").date("start"), c.date("created"));
        return new CarePlan(ref, codes, Set.of(), at.at(), at.dateOnly(), status);
    }

    private static RecordEntry flag(Sparse f, String ref) {
        if (!"active".equals(f.text("status"))) {
            return null;
        }
        When at = When.of(f.one("period").date("start"));
        return new Flag(ref, codings(f.one("code")), Set.of(), at.at(), at.dateOnly());
    }

    private static RecordEntry referral(Sparse s, String ref) {
        String status = orEmpty(s.text("status"));
        if (NOT_A_REFERRAL.contains(status)) {
            return null;
        }
        List<Coding> codes = new ArrayList<>();
        codings(s.one("code"), codes);
        s.all("category").forEach(cat -> codings(cat, codes));
        String priority = s.text("priority") == null ? "routine" : s.text("priority");
        When at = When.of(s.date("authoredOn"));
        return new Referral(ref, codes, Set.of(), at.at(), at.dateOnly(), status, priority);
    }

    /** A completed immunisation, dated by occurrenceDateTime or a date written as occurrenceString. */
    private static RecordEntry immunization(Sparse i, String ref) {
        if (!"completed".equals(i.text("status"))) {
            return null;
        }
        When at = i.text("occurrenceDateTime") != null ? When.of(i.date("occurrenceDateTime")) : When.parse(i.text("occurrenceString"));
        return new Immunization(ref, codings(i.one("vaccineCode")), Set.of(), at.at(), at.dateOnly());
    }

    /** The first of the given date elements' values that is there (in order of preference), else undated. */
    private static When firstDate(Sparse.Dated... dates) {
        for (Sparse.Dated date : dates) {
            if (date != null) {
                return date.value();
            }
        }
        return When.NONE;
    }

    /** A CodeableConcept's codings that have a code; a coding without display takes the concept's text. */
    static List<Coding> codings(Sparse concept) {
        List<Coding> out = new ArrayList<>(2);
        codings(concept, out);
        return out;
    }

    /** Adds {@link #codings(Sparse)} to {@code out}. */
    private static void codings(Sparse concept, List<Coding> out) {
        for (Sparse c : concept.all("coding")) {
            String code = c.text("code");
            if (code != null) {
                String display = c.text("display");
                out.add(new Coding(orEmpty(c.text("system")), code, display != null ? display : concept.text("text")));
            }
        }
    }

    private static String firstCode(Sparse concept) {
        return orEmpty(concept.one("coding").text("code"));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
