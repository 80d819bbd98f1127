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
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
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

    /** The record of the single patient in {@code resources}, with ages as of {@code asOf}. */
    public static PatientRecord toRecord(List<? extends IBaseResource> resources, Instant asOf) throws RecordException {
        org.hl7.fhir.r4.model.Patient patient = null;
        List<RecordEntry> entries = new ArrayList<>();
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
                toEntry(r, i).ifPresent(entries::add);
            }
        }
        if (patient == null) {
            throw new RecordException("the record has no Patient resource");
        }
        return new PatientRecord(toPatient(patient, asOf), entries);
    }

    static Patient toPatient(org.hl7.fhir.r4.model.Patient p, Instant asOf) {
        LocalDate today = EvaluationTime.of(asOf).date();
        Optional<LocalDate> birthDate = Optional.ofNullable(p.getBirthDateElement().getValueAsString()).flatMap(FactMapper::localDate);
        Integer age = birthDate.filter(b -> !b.isAfter(today)).map(b -> Period.between(b, today).getYears()).orElse(null);
        Optional<String> nhs = p.getIdentifier().stream()
                .filter(id -> NhsNumber.SYSTEM.equals(id.getSystem()))
                .map(Identifier::getValue).filter(v -> v != null && !v.isBlank()).findFirst();
        boolean deceased;
        Optional<Instant> deceasedAt = Optional.empty();
        if (p.hasDeceasedDateTimeType()) {
            Instant died = instant(p.getDeceasedDateTimeType()).orElse(asOf);
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

    static Optional<RecordEntry> toEntry(Resource resource, int index) {
        String ref = reference(resource, index);
        return Optional.ofNullable(switch (resource.getResourceType()) {
            case Condition -> condition((org.hl7.fhir.r4.model.Condition) resource, ref);
            case Observation -> observation((org.hl7.fhir.r4.model.Observation) resource, ref);
            case Procedure -> procedure((org.hl7.fhir.r4.model.Procedure) resource, ref);
            case Encounter -> encounter((org.hl7.fhir.r4.model.Encounter) resource, ref);
            case MedicationRequest -> medicationRequest((org.hl7.fhir.r4.model.MedicationRequest) resource, ref);
            case MedicationStatement -> medicationStatement((org.hl7.fhir.r4.model.MedicationStatement) resource, ref);
            case CarePlan -> carePlan((org.hl7.fhir.r4.model.CarePlan) resource, ref);
            case Flag -> flag((org.hl7.fhir.r4.model.Flag) resource, ref);
            case ServiceRequest -> referral((org.hl7.fhir.r4.model.ServiceRequest) resource, ref);
            case Immunization -> immunization((org.hl7.fhir.r4.model.Immunization) resource, ref);
            default -> null;
        });
    }

    private static RecordEntry condition(org.hl7.fhir.r4.model.Condition c, String ref) {
        String clinical = firstCode(c.getClinicalStatus());
        String verification = firstCode(c.getVerificationStatus());
        if (!clinical.isEmpty() && !COUNTING_CLINICAL.contains(clinical) || NOT_VERIFIED.contains(verification)) {
            return null;
        }
        Optional<Instant> at = c.hasOnsetDateTimeType() ? instant(c.getOnsetDateTimeType())
                : c.hasOnsetPeriod() && c.getOnsetPeriod().hasStart() ? instant(c.getOnsetPeriod().getStartElement())
                : instant(c.getRecordedDateElement());
        return new Condition(ref, codings(c.getCode()), Set.of(), at, clinical.isEmpty() ? "active" : clinical);
    }

    private static RecordEntry observation(org.hl7.fhir.r4.model.Observation o, String ref) {
        if (o.hasStatus() && !COUNTING_OBSERVATION.contains(o.getStatus().toCode())) {
            return null;
        }
        List<Coding> codes = new ArrayList<>(codings(o.getCode()));
        Double value = null;
        Type v = o.getValue();
        if (v instanceof Quantity q && q.hasValue()) {
            value = q.getValue().doubleValue();
        } else if (v instanceof DecimalType d && d.hasValue()) {
            value = d.getValue().doubleValue();
        } else if (v instanceof IntegerType n && n.hasValue()) {
            value = n.getValue().doubleValue();
        } else if (v instanceof CodeableConcept cc) {
            codes.addAll(codings(cc));
        }
        Optional<Instant> at = o.hasEffectiveDateTimeType() ? instant(o.getEffectiveDateTimeType())
                : o.hasEffectivePeriod() && o.getEffectivePeriod().hasStart() ? instant(o.getEffectivePeriod().getStartElement())
                : o.hasEffectiveInstantType() ? instant(o.getEffectiveInstantType())
                : o.hasIssued() ? Optional.of(o.getIssued().toInstant()) : Optional.empty();
        return new Observation(ref, codes, Set.of(), at, value);
    }

    private static RecordEntry procedure(org.hl7.fhir.r4.model.Procedure p, String ref) {
        if (p.getStatus() != org.hl7.fhir.r4.model.Procedure.ProcedureStatus.COMPLETED) {
            return null;
        }
        Optional<Instant> at = p.hasPerformedDateTimeType() ? instant(p.getPerformedDateTimeType())
                : p.hasPerformedPeriod() && p.getPerformedPeriod().hasStart() ? instant(p.getPerformedPeriod().getStartElement())
                : Optional.empty();
        return new Procedure(ref, codings(p.getCode()), Set.of(), at);
    }

    private static RecordEntry encounter(org.hl7.fhir.r4.model.Encounter e, String ref) {
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
                || inpatient && (priority.equals("EM") || admitSource.equals("emd"));
        Optional<Instant> start = e.hasPeriod() && e.getPeriod().hasStart() ? instant(e.getPeriod().getStartElement()) : Optional.empty();
        Optional<Instant> end = e.hasPeriod() && e.getPeriod().hasEnd() ? instant(e.getPeriod().getEndElement()) : Optional.empty();
        return new Encounter(ref, codes, Set.of(), start, end, classCode, emergency);
    }

    private static RecordEntry medicationRequest(org.hl7.fhir.r4.model.MedicationRequest m, String ref) {
        if (m.getStatus() != org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus.ACTIVE) {
            return null;
        }
        List<Coding> codes = m.hasMedicationCodeableConcept() ? codings(m.getMedicationCodeableConcept()) : List.of();
        boolean repeat = "continuous".equals(firstCode(m.getCourseOfTherapyType()))
                || m.hasDispenseRequest() && m.getDispenseRequest().getNumberOfRepeatsAllowed() > 0;
        return new Medication(ref, codes, Set.of(), instant(m.getAuthoredOnElement()), repeat);
    }

    /** Active statements are taken as current repeat medicines: GP extracts export long-term repeats this way. */
    private static RecordEntry medicationStatement(org.hl7.fhir.r4.model.MedicationStatement m, String ref) {
        if (m.getStatus() != org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus.ACTIVE) {
            return null;
        }
        List<Coding> codes = m.hasMedicationCodeableConcept() ? codings(m.getMedicationCodeableConcept()) : List.of();
        Optional<Instant> at = m.hasEffectiveDateTimeType() ? instant(m.getEffectiveDateTimeType())
                : m.hasEffectivePeriod() && m.getEffectivePeriod().hasStart() ? instant(m.getEffectivePeriod().getStartElement())
                : instant(m.getDateAssertedElement());
        return new Medication(ref, codes, Set.of(), at, true);
    }

    private static RecordEntry carePlan(org.hl7.fhir.r4.model.CarePlan c, String ref) {
        String status = c.hasStatus() ? c.getStatus().toCode() : "";
        if (!status.equals("active") && !status.equals("completed")) {
            return null;
        }
        List<Coding> codes = new ArrayList<>();
        c.getCategory().forEach(cat -> codes.addAll(codings(cat)));
        Optional<Instant> at = c.hasPeriod() && c.getPeriod().hasStart() ? instant(c.getPeriod().getStartElement())
                : instant(c.getCreatedElement());
        return new CarePlan(ref, codes, Set.of(), at, status);
    }

    private static RecordEntry flag(org.hl7.fhir.r4.model.Flag f, String ref) {
        if (f.getStatus() != org.hl7.fhir.r4.model.Flag.FlagStatus.ACTIVE) {
            return null;
        }
        Optional<Instant> at = f.hasPeriod() && f.getPeriod().hasStart() ? instant(f.getPeriod().getStartElement()) : Optional.empty();
        return new Flag(ref, codings(f.getCode()), Set.of(), at);
    }

    private static RecordEntry referral(org.hl7.fhir.r4.model.ServiceRequest s, String ref) {
        String status = s.hasStatus() ? s.getStatus().toCode() : "";
        if (status.equals("revoked") || status.equals("entered-in-error") || status.equals("draft")) {
            return null;
        }
        List<Coding> codes = new ArrayList<>(codings(s.getCode()));
        s.getCategory().forEach(cat -> codes.addAll(codings(cat)));
        String priority = s.hasPriority() ? s.getPriority().toCode() : "routine";
        return new Referral(ref, codes, Set.of(), instant(s.getAuthoredOnElement()), status, priority);
    }

    private static RecordEntry immunization(org.hl7.fhir.r4.model.Immunization i, String ref) {
        if (i.getStatus() != org.hl7.fhir.r4.model.Immunization.ImmunizationStatus.COMPLETED) {
            return null;
        }
        Optional<Instant> at = i.hasOccurrenceDateTimeType() ? instant(i.getOccurrenceDateTimeType()) : Optional.empty();
        return new Immunization(ref, codings(i.getVaccineCode()), Set.of(), at);
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

    /** A date-only value (e.g. "2024-05-01") means the start of that day in England. */
    private static Optional<Instant> instant(BaseDateTimeType value) {
        if (value == null || !value.hasValue()) {
            return Optional.empty();
        }
        if (value.getPrecision().ordinal() <= ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
            return localDate(value.getValueAsString()).map(d -> d.atStartOfDay(EvaluationTime.ZONE).toInstant());
        }
        return Optional.of(value.getValue().toInstant());
    }

    private static Optional<LocalDate> localDate(String text) {
        if (text == null || text.length() < 4) {
            return Optional.empty();
        }
        String padded = text.length() == 4 ? text + "-01-01" : text.length() == 7 ? text + "-01" : text.substring(0, 10);
        return Optional.of(LocalDate.parse(padded));
    }

    private static boolean sameId(Resource a, Resource b) {
        return a.hasIdElement() && b.hasIdElement() && a.getIdElement().getIdPart().equals(b.getIdElement().getIdPart());
    }

    static String reference(Resource r, int index) {
        String id = r.hasIdElement() && r.getIdElement().hasIdPart() ? r.getIdElement().getIdPart() : "#" + index;
        return r.getResourceType().name() + "/" + id;
    }
}
