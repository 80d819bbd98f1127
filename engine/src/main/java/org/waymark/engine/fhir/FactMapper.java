package org.waymark.engine.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.waymark.engine.facts.CarePlan;
import org.waymark.engine.facts.Coding;
import org.waymark.engine.facts.Condition;
import org.waymark.engine.facts.Encounter;
import org.waymark.engine.facts.Flag;
import org.waymark.engine.facts.Immunization;
import org.waymark.engine.facts.Medication;
import org.waymark.engine.facts.Observation;
import org.waymark.engine.facts.Patient;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.facts.Procedure;
import org.waymark.engine.facts.RecordEntry;
import org.waymark.engine.facts.Referral;
import org.waymark.engine.time.EvaluationTime;

/**
 * Turns parsed FHIR R4 resources into facts. Entries that do not count under CR-0 (refuted, entered in
 * error, not completed, inactive) are left out here, once, so no rule has to re-check a status.
 * Resource types Waymark does not use are ignored, not errors.
 */
public final class FactMapper {
    private static final Set<String> COUNTING_CLINICAL = Set.of("active", "recurrence", "relapse");
    private static final Set<String> NOT_VERIFIED = Set.of("refuted", "entered-in-error");
    private static final Set<String> COUNTING_OBSERVATION = Set.of("final", "amended", "corrected");

    private FactMapper() {
    }

    /**
     * The record of the single patient in {@code resources}, as of {@code asOf}: ages are at that instant and
     * nothing dated after it counts. Entries dated after {@code asOf} (compared at their own precision, so an
     * entry dated today counts) are dropped here, once, so rule sets, pathways and screening see the same
     * record; an encounter that started before {@code asOf} and ends after it is kept as not yet ended.
     * Undated entries are kept. Throws when the record names another patient (see {@link RecordIntegrity}).
     */
    public static PatientRecord toRecord(List<? extends IBaseResource> resources, Instant asOf) throws RecordException {
        org.hl7.fhir.r4.model.Patient patient = null;
        List<Resource> others = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < resources.size(); i++) {
            IBaseResource resource = resources.get(i);
            // The same resource can arrive under two prefetch keys (e.g. the discharge encounter and all encounters).
            if (resource instanceof Resource r && r.hasIdElement() && r.getIdElement().hasIdPart()
                    && !seen.add(r.getResourceType().name() + "/" + r.getIdElement().getIdPart())) {
                continue;
            }
            if (resource instanceof org.hl7.fhir.r4.model.Patient p) {
                if (patient != null && !sameId(patient, p)) {
                    throw new RecordException("the record holds more than one Patient (" + reference(patient, 0)
                            + " and " + reference(p, i) + "); evaluate one patient at a time");
                }
                patient = p;
            } else if (resource instanceof Resource r) {
                others.add(r);
                indexes.add(i);
            }
        }
        if (patient == null) {
            throw new RecordException("the record has no Patient resource");
        }
        List<RecordEntry> entries = new ArrayList<>();
        for (int k = 0; k < others.size(); k++) {
            RecordIntegrity.check(others.get(k), indexes.get(k), patient);
            toEntry(others.get(k), indexes.get(k), asOf).ifPresent(entries::add);
        }
        return new PatientRecord(toPatient(patient, asOf), entries);
    }

    static Patient toPatient(org.hl7.fhir.r4.model.Patient p, Instant asOf) {
        LocalDate today = EvaluationTime.of(asOf).date();
        Optional<LocalDate> birthDate = Optional.ofNullable(p.getBirthDateElement().getValueAsString()).flatMap(When::localDate);
        Integer age = birthDate.filter(b -> !b.isAfter(today)).map(b -> Period.between(b, today).getYears()).orElse(null);
        Optional<String> nhs = p.getIdentifier().stream()
                .filter(id -> NhsNumber.SYSTEM.equals(id.getSystem()))
                .map(Identifier::getValue).filter(v -> v != null && !v.isBlank()).findFirst();
        boolean deceased;
        Optional<Instant> deceasedAt = Optional.empty();
        if (p.hasDeceasedDateTimeType()) {
            Instant died = When.of(p.getDeceasedDateTimeType()).at().orElse(asOf);
            deceased = !died.isAfter(asOf);
            deceasedAt = deceased ? Optional.of(died) : Optional.empty();
        } else {
            deceased = p.hasDeceasedBooleanType() && p.getDeceasedBooleanType().booleanValue();
        }
        String sex = p.hasGender() ? p.getGender().toCode() : "unknown";
        Optional<String> practice = p.getGeneralPractitioner().stream()
                .map(ref -> ref.hasIdentifier() && ref.getIdentifier().hasValue() ? ref.getIdentifier().getValue() : ref.getReference())
                .filter(v -> v != null && !v.isBlank()).findFirst();
        return new Patient(reference(p, 0), nhs, nhs.map(NhsNumber::isValid).orElse(false), birthDate, age, sex, deceased, deceasedAt, practice);
    }

    /** The entry {@code resource} maps to, or empty when it does not count or is dated after {@code asOf}. */
    static Optional<RecordEntry> toEntry(Resource resource, int index, Instant asOf) {
        String ref = reference(resource, index);
        RecordEntry entry = switch (resource.getResourceType()) {
            case Condition -> condition((org.hl7.fhir.r4.model.Condition) resource, ref);
            case Observation -> observation((org.hl7.fhir.r4.model.Observation) resource, ref);
            case Procedure -> procedure((org.hl7.fhir.r4.model.Procedure) resource, ref);
            case Encounter -> encounter((org.hl7.fhir.r4.model.Encounter) resource, ref, asOf);
            case MedicationRequest -> medicationRequest((org.hl7.fhir.r4.model.MedicationRequest) resource, ref);
            case MedicationStatement -> medicationStatement((org.hl7.fhir.r4.model.MedicationStatement) resource, ref);
            case CarePlan -> carePlan((org.hl7.fhir.r4.model.CarePlan) resource, ref);
            case Flag -> flag((org.hl7.fhir.r4.model.Flag) resource, ref);
            case ServiceRequest -> referral((org.hl7.fhir.r4.model.ServiceRequest) resource, ref);
            case Immunization -> immunization((org.hl7.fhir.r4.model.Immunization) resource, ref);
            default -> null;
        };
        // Nothing after the evaluation instant counts; an entry dated today (date only) is not after it.
        return Optional.ofNullable(entry).filter(e -> !e.dated() || e.onOrBefore(asOf));
    }

    private static RecordEntry condition(org.hl7.fhir.r4.model.Condition c, String ref) {
        String clinical = firstCode(c.getClinicalStatus());
        String verification = firstCode(c.getVerificationStatus());
        if (!clinical.isEmpty() && !COUNTING_CLINICAL.contains(clinical) || NOT_VERIFIED.contains(verification)) {
            return null;
        }
        When at = c.hasOnsetDateTimeType() ? When.of(c.getOnsetDateTimeType())
                : c.hasOnsetPeriod() && c.getOnsetPeriod().hasStart() ? When.of(c.getOnsetPeriod().getStartElement())
                : When.of(c.getRecordedDateElement());
        return new Condition(ref, codings(c.getCode()), Set.of(), at.at(), at.dateOnly(), clinical.isEmpty() ? "active" : clinical);
    }

    private static RecordEntry observation(org.hl7.fhir.r4.model.Observation o, String ref) {
        if (o.hasStatus() && !COUNTING_OBSERVATION.contains(o.getStatus().toCode())) {
            return null;
        }
        List<Coding> codes = new ArrayList<>(codings(o.getCode()));
        if (o.getValue() instanceof CodeableConcept cc) {
            codes.addAll(codings(cc));
        }
        When at = o.hasEffectiveDateTimeType() ? When.of(o.getEffectiveDateTimeType())
                : o.hasEffectivePeriod() && o.getEffectivePeriod().hasStart() ? When.of(o.getEffectivePeriod().getStartElement())
                : o.hasEffectiveInstantType() ? When.of(o.getEffectiveInstantType())
                : When.of(o.getIssued());
        return new Observation(ref, codes, Set.of(), at.at(), at.dateOnly(), ObservationValues.number(o.getValue()),
                ObservationValues.unit(o.getValue()));
    }

    private static RecordEntry procedure(org.hl7.fhir.r4.model.Procedure p, String ref) {
        if (p.getStatus() != org.hl7.fhir.r4.model.Procedure.ProcedureStatus.COMPLETED) {
            return null;
        }
        When at = p.hasPerformedDateTimeType() ? When.of(p.getPerformedDateTimeType())
                : p.hasPerformedPeriod() && p.getPerformedPeriod().hasStart() ? When.of(p.getPerformedPeriod().getStartElement())
                : When.NONE;
        return new Procedure(ref, codings(p.getCode()), Set.of(), at.at(), at.dateOnly());
    }

    private static RecordEntry encounter(org.hl7.fhir.r4.model.Encounter e, String ref, Instant asOf) {
        String status = e.hasStatus() ? e.getStatus().toCode() : "";
        if (status.equals("cancelled") || status.equals("entered-in-error")) {
            return null;
        }
        List<Coding> codes = new ArrayList<>();
        e.getType().forEach(t -> codes.addAll(codings(t)));
        String classCode = e.hasClass_() && e.getClass_().hasCode() ? e.getClass_().getCode() : "";
        String priority = firstCode(e.getPriority());
        String admitSource = e.hasHospitalization() ? firstCode(e.getHospitalization().getAdmitSource()) : "";
        boolean inpatient = classCode.equals("IMP") || classCode.equals("ACUTE") || classCode.equals("NONAC");
        boolean emergency = classCode.equals("EMER")
                || inpatient && (priority.equals("EM") || admitSource.equals("emd"))
                || EmergencyDepartment.isAttendance(codes);
        When start = e.hasPeriod() && e.getPeriod().hasStart() ? When.of(e.getPeriod().getStartElement()) : When.NONE;
        When end = e.hasPeriod() && e.getPeriod().hasEnd() ? When.of(e.getPeriod().getEndElement()) : When.NONE;
        // An end after the evaluation instant has not happened yet: the encounter is still open as of then.
        Optional<Instant> endAt = end.after(asOf) ? Optional.empty() : end.at();
        return new Encounter(ref, codes, Set.of(), start.at(), start.dateOnly(), endAt, classCode, emergency);
    }

    private static RecordEntry medicationRequest(org.hl7.fhir.r4.model.MedicationRequest m, String ref) {
        if (m.getStatus() != org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus.ACTIVE) {
            return null;
        }
        List<Coding> codes = m.hasMedicationCodeableConcept() ? codings(m.getMedicationCodeableConcept()) : List.of();
        When at = When.of(m.getAuthoredOnElement());
        return new Medication(ref, codes, Set.of(), at.at(), at.dateOnly(), MedicationCourse.isRepeat(m));
    }

    /** Active statements are taken as current repeat medicines: GP extracts export long-term repeats this way. */
    private static RecordEntry medicationStatement(org.hl7.fhir.r4.model.MedicationStatement m, String ref) {
        if (m.getStatus() != org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus.ACTIVE) {
            return null;
        }
        List<Coding> codes = m.hasMedicationCodeableConcept() ? codings(m.getMedicationCodeableConcept()) : List.of();
        When at = m.hasEffectiveDateTimeType() ? When.of(m.getEffectiveDateTimeType())
                : m.hasEffectivePeriod() && m.getEffectivePeriod().hasStart() ? When.of(m.getEffectivePeriod().getStartElement())
                : When.of(m.getDateAssertedElement());
        return new Medication(ref, codes, Set.of(), at.at(), at.dateOnly(), true);
    }

    private static RecordEntry carePlan(org.hl7.fhir.r4.model.CarePlan c, String ref) {
        String status = c.hasStatus() ? c.getStatus().toCode() : "";
        if (!status.equals("active") && !status.equals("completed")) {
            return null;
        }
        List<Coding> codes = new ArrayList<>();
        c.getCategory().forEach(cat -> codes.addAll(codings(cat)));
        When at = c.hasPeriod() && c.getPeriod().hasStart() ? When.of(c.getPeriod().getStartElement()) : When.of(c.getCreatedElement());
        return new CarePlan(ref, codes, Set.of(), at.at(), at.dateOnly(), status);
    }

    private static RecordEntry flag(org.hl7.fhir.r4.model.Flag f, String ref) {
        if (f.getStatus() != org.hl7.fhir.r4.model.Flag.FlagStatus.ACTIVE) {
            return null;
        }
        When at = f.hasPeriod() && f.getPeriod().hasStart() ? When.of(f.getPeriod().getStartElement()) : When.NONE;
        return new Flag(ref, codings(f.getCode()), Set.of(), at.at(), at.dateOnly());
    }

    private static RecordEntry referral(org.hl7.fhir.r4.model.ServiceRequest s, String ref) {
        String status = s.hasStatus() ? s.getStatus().toCode() : "";
        if (status.equals("revoked") || status.equals("entered-in-error") || status.equals("draft")) {
            return null;
        }
        List<Coding> codes = new ArrayList<>(codings(s.getCode()));
        s.getCategory().forEach(cat -> codes.addAll(codings(cat)));
        String priority = s.hasPriority() ? s.getPriority().toCode() : "routine";
        When at = When.of(s.getAuthoredOnElement());
        return new Referral(ref, codes, Set.of(), at.at(), at.dateOnly(), status, priority);
    }

    /** A completed immunisation, dated by occurrenceDateTime or a date written as occurrenceString. */
    private static RecordEntry immunization(org.hl7.fhir.r4.model.Immunization i, String ref) {
        if (i.getStatus() != org.hl7.fhir.r4.model.Immunization.ImmunizationStatus.COMPLETED) {
            return null;
        }
        When at = i.hasOccurrenceDateTimeType() ? When.of(i.getOccurrenceDateTimeType())
                : i.hasOccurrenceStringType() ? When.parse(i.getOccurrenceStringType().getValue())
                : When.NONE;
        return new Immunization(ref, codings(i.getVaccineCode()), Set.of(), at.at(), at.dateOnly());
    }

    static List<Coding> codings(CodeableConcept concept) {
        if (concept == null || !concept.hasCoding()) {
            return List.of();
        }
        List<Coding> out = new ArrayList<>(concept.getCoding().size());
        for (org.hl7.fhir.r4.model.Coding c : concept.getCoding()) {
            if (c.hasCode()) {
                out.add(new Coding(c.hasSystem() ? c.getSystem() : "", c.getCode(), c.hasDisplay() ? c.getDisplay() : concept.getText()));
            }
        }
        return out;
    }

    private static String firstCode(CodeableConcept concept) {
        return concept != null && concept.hasCoding() && concept.getCodingFirstRep().hasCode() ? concept.getCodingFirstRep().getCode() : "";
    }

    private static boolean sameId(Resource a, Resource b) {
        return a.hasIdElement() && b.hasIdElement() && a.getIdElement().getIdPart().equals(b.getIdElement().getIdPart());
    }

    static String reference(Resource r, int index) {
        String id = r.hasIdElement() && r.getIdElement().hasIdPart() ? r.getIdElement().getIdPart() : "#" + index;
        return r.getResourceType().name() + "/" + id;
    }
}
