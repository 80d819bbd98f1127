package org.waymark.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.waymark.engine.fhir.NhsNumber;

/**
 * The compact record notation of scenario files, for clinical leads who should not have to write FHIR:
 *
 * <pre>
 * patient: { birthDate: 1940-03-02, gender: female, deceased: 2026-11-01 }
 * entries:
 *   - observation: 713636003      # SNOMED CT unless 'system' is given
 *     display: Frailty index score
 *     value: 0.31
 *     date: 2026-10-20
 *   - condition: 52448006
 *     date: 2020-01-01
 *     clinicalStatus: resolved
 * </pre>
 *
 * Entry kinds: condition, observation (with value), finding (coded observation), procedure, encounter
 * (with {@code class}, {@code end}, {@code priority}), medication (active repeat MedicationRequest),
 * medicationStatement, carePlan, flag, referral (ServiceRequest), immunization. {@code status},
 * {@code clinicalStatus} and {@code verificationStatus} override the counting defaults. A {@code date}
 * without a time (2026-03-02) is date-only, as GP systems often send it; with a time it is an instant.
 *
 * <p>Coding variants real UK records use, so scenarios can prove them without raw FHIR:
 * <ul>
 *   <li>observation {@code unit: "%"}: the value's UCUM unit;</li>
 *   <li>observation or finding {@code valueString: "7"}: the value written as text (instead of {@code value});</li>
 *   <li>medication {@code course: acute|continuous|continuous-repeat-dispensing|...} (default continuous) with
 *       {@code courseSystem: hl7|uk-core|eps|<url>} (default hl7); {@code course: none} sends no course at all;</li>
 *   <li>medication {@code repeatExtension: true}: adds the UK Core repeat-information extension;</li>
 *   <li>encounter {@code type: 4525004}: a further SNOMED encounter type beside the entry's code;</li>
 *   <li>immunization {@code dateAsText: true}: the date is sent as occurrenceString, not occurrenceDateTime;</li>
 *   <li>any entry {@code subject: Patient/other} (or an absolute or urn:uuid reference): the entry names that
 *       patient, for scenarios proving such a record is refused.</li>
 * </ul>
 */
final class CompactRecord {
    static final String SNOMED = "http://snomed.info/sct";
    private static final Map<String, String> COURSE_SYSTEMS = Map.of(
            "hl7", "http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy",
            "uk-core", "https://fhir.hl7.org.uk/CodeSystem/UKCore-MedicationRequestCourseOfTherapy",
            "eps", "https://fhir.nhs.uk/CodeSystem/medicationrequest-course-of-therapy");
    private static final String REPEAT_INFORMATION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation";
    static final Set<String> KINDS = Set.of("condition", "observation", "finding", "procedure", "encounter", "medication",
            "medicationStatement", "carePlan", "flag", "referral", "immunization");

    private CompactRecord() {
    }

    /** Errors name the field, e.g. {@code entries[3].date}. */
    static List<Resource> toResources(JsonNode patientNode, JsonNode entries) throws InvalidField {
        List<Resource> out = new ArrayList<>();
        String patientId = text(patientNode, "id", "patient").isEmpty() ? "scenario-patient" : text(patientNode, "id", "patient");
        out.add(patient(patientNode, patientId));
        Reference subject = new Reference("Patient/" + patientId);
        if (entries != null && !entries.isNull()) {
            if (!entries.isArray()) {
                throw new InvalidField("entries", "a list of record entries");
            }
            for (int i = 0; i < entries.size(); i++) {
                out.add(entry(entries.get(i), "entries[" + i + "]", patientId + "-" + (i + 1), subject));
            }
        }
        return out;
    }

    /** A field that does not hold what it should. */
    static final class InvalidField extends Exception {
        final String field;

        InvalidField(String field, String expected) {
            super("expected " + expected);
            this.field = field;
        }
    }

    private static Patient patient(JsonNode node, String id) throws InvalidField {
        if (node == null || !node.isObject()) {
            throw new InvalidField("patient", "an object with at least birthDate");
        }
        Patient p = new Patient();
        p.setId(id);
        String birth = text(node, "birthDate", "patient");
        if (!birth.isEmpty()) {
            p.setBirthDateElement(date(birth, "patient.birthDate"));
        }
        String gender = text(node, "gender", "patient");
        if (!gender.isEmpty()) {
            try {
                p.setGender(Enumerations.AdministrativeGender.fromCode(gender));
            } catch (Exception e) {
                throw new InvalidField("patient.gender", "male, female, other or unknown");
            }
        }
        String nhs = text(node, "nhsNumber", "patient");
        if (!nhs.isEmpty()) {
            p.addIdentifier(new Identifier().setSystem(NhsNumber.SYSTEM).setValue(nhs));
        }
        JsonNode deceased = node.get("deceased");
        if (deceased != null && deceased.isBoolean()) {
            p.setDeceased(new BooleanType(deceased.asBoolean()));
        } else if (deceased != null && !deceased.isNull()) {
            p.setDeceased(dateTime(deceased.asText(), "patient.deceased"));
        }
        String practice = text(node, "practice", "patient");
        if (!practice.isEmpty()) {
            p.addGeneralPractitioner().getIdentifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue(practice);
        }
        return p;
    }

    private static Resource entry(JsonNode e, String where, String id, Reference subject) throws InvalidField {
        if (!e.isObject()) {
            throw new InvalidField(where, "an object such as {condition: 52448006, date: 2020-01-01}");
        }
        String kind = null;
        for (String k : KINDS) {
            if (e.has(k)) {
                if (kind != null) {
                    throw new InvalidField(where, "exactly one kind, not both " + kind + " and " + k);
                }
                kind = k;
            }
        }
        if (kind == null) {
            throw new InvalidField(where, "one of " + String.join(", ", KINDS.stream().sorted().toList()));
        }
        String code = e.get(kind).asText();
        if (code.isBlank()) {
            throw new InvalidField(where + "." + kind, "a code");
        }
        CodeableConcept concept = new CodeableConcept(new Coding(e.path("system").asText(SNOMED), code, e.path("display").asText(null)));
        String dateText = e.path("date").asText("");
        if (dateText.isEmpty()) {
            throw new InvalidField(where + ".date", "a date (2026-10-20) or instant (2026-10-20T09:00:00Z)");
        }
        DateTimeType when = dateTime(dateText, where + ".date");
        String status = e.path("status").asText("");
        if (e.hasNonNull("subject")) {
            subject = new Reference(e.get("subject").asText());
        }
        Resource r = switch (kind) {
            case "condition" -> {
                Condition c = new Condition().setSubject(subject).setCode(concept).setOnset(when);
                c.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical",
                        e.path("clinicalStatus").asText("active"), null)));
                c.setVerificationStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                        e.path("verificationStatus").asText("confirmed"), null)));
                yield c;
            }
            case "observation", "finding" -> {
                Observation o = new Observation().setStatus(enumOf(Observation.ObservationStatus::fromCode, status, "final", where))
                        .setSubject(subject).setCode(concept).setEffective(when);
                if (e.has("value")) {
                    if (!e.get("value").isNumber()) {
                        throw new InvalidField(where + ".value", "a number (use valueString for a value written as text)");
                    }
                    Quantity q = new Quantity().setValue(new BigDecimal(e.get("value").asText()));
                    if (e.hasNonNull("unit")) {
                        q.setUnit(e.get("unit").asText()).setSystem("http://unitsofmeasure.org").setCode(e.get("unit").asText());
                    }
                    o.setValue(q);
                } else if (e.hasNonNull("valueString")) {
                    o.setValue(new StringType(e.get("valueString").asText()));
                } else if ("observation".equals(kind)) {
                    throw new InvalidField(where + ".value", "a number (use 'finding' for a coded entry without a value)");
                }
                yield o;
            }
            case "procedure" -> new Procedure().setStatus(enumOf(Procedure.ProcedureStatus::fromCode, status, "completed", where))
                    .setSubject(subject).setCode(concept).setPerformed(when);
            case "encounter" -> {
                Encounter enc = new Encounter().setStatus(enumOf(Encounter.EncounterStatus::fromCode, status, "finished", where));
                enc.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", e.path("class").asText("AMB"), null));
                enc.addType(concept).setSubject(subject);
                if (e.hasNonNull("type")) {
                    enc.addType(new CodeableConcept(new Coding(SNOMED, e.get("type").asText(), null)));
                }
                Period period = new Period().setStartElement(when);
                if (e.hasNonNull("end")) {
                    period.setEndElement(dateTime(e.get("end").asText(), where + ".end"));
                }
                enc.setPeriod(period);
                if (e.hasNonNull("priority")) {
                    enc.setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActPriority",
                            e.get("priority").asText(), null)));
                }
                yield enc;
            }
            case "medication" -> {
                MedicationRequest m = new MedicationRequest()
                        .setStatus(enumOf(MedicationRequest.MedicationRequestStatus::fromCode, status, "active", where))
                        .setIntent(MedicationRequest.MedicationRequestIntent.ORDER).setSubject(subject).setMedication(concept);
                String course = e.path("course").asText("continuous");
                if (!course.equals("none")) {
                    String system = e.path("courseSystem").asText("hl7");
                    m.setCourseOfTherapyType(new CodeableConcept(new Coding(COURSE_SYSTEMS.getOrDefault(system, system), course, null)));
                }
                if (e.path("repeatExtension").asBoolean(false)) {
                    m.addExtension().setUrl(REPEAT_INFORMATION).addExtension("numberOfPrescriptionsIssued", new UnsignedIntType(1));
                }
                m.setAuthoredOnElement(when);
                yield m;
            }
            case "medicationStatement" -> new MedicationStatement()
                    .setStatus(enumOf(MedicationStatement.MedicationStatementStatus::fromCode, status, "active", where))
                    .setSubject(subject).setMedication(concept).setEffective(when);
            case "carePlan" -> {
                CarePlan c = new CarePlan().setStatus(enumOf(CarePlan.CarePlanStatus::fromCode, status, "active", where))
                        .setIntent(CarePlan.CarePlanIntent.PLAN).setSubject(subject);
                c.addCategory(concept);
                c.setPeriod(new Period().setStartElement(when));
                yield c;
            }
            case "flag" -> new Flag().setStatus(enumOf(Flag.FlagStatus::fromCode, status, "active", where)).setSubject(subject)
                    .setCode(concept).setPeriod(new Period().setStartElement(when));
            case "referral" -> {
                ServiceRequest s = new ServiceRequest()
                        .setStatus(enumOf(ServiceRequest.ServiceRequestStatus::fromCode, status, "active", where))
                        .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(subject).setCode(concept);
                s.setAuthoredOnElement(when);
                if (e.hasNonNull("priority")) {
                    s.setPriority(enumOf(ServiceRequest.ServiceRequestPriority::fromCode, e.get("priority").asText(), "routine", where));
                }
                yield s;
            }
            case "immunization" -> new Immunization()
                    .setStatus(enumOf(Immunization.ImmunizationStatus::fromCode, status, "completed", where))
                    .setPatient(subject).setVaccineCode(concept)
                    .setOccurrence(e.path("dateAsText").asBoolean(false) ? new StringType(dateText) : when);
            default -> throw new IllegalStateException(kind);
        };
        r.setId(e.path("id").asText(id));
        return r;
    }

    @FunctionalInterface
    private interface FromCode<T> {
        T parse(String code) throws Exception;
    }

    private static <T> T enumOf(FromCode<T> parser, String text, String fallback, String where) throws InvalidField {
        try {
            return parser.parse(text.isEmpty() ? fallback : text);
        } catch (Exception ex) {
            throw new InvalidField(where + ".status", "a FHIR status code, not '" + text + "'");
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? "" : v.asText().strip();
    }

    private static DateType date(String text, String field) throws InvalidField {
        try {
            return new DateType(text);
        } catch (Exception e) {
            throw new InvalidField(field, "a date such as 1940-03-02");
        }
    }

    private static DateTimeType dateTime(String text, String field) throws InvalidField {
        try {
            return new DateTimeType(text);
        } catch (Exception e) {
            throw new InvalidField(field, "a date (2026-10-20) or instant (2026-10-20T09:00:00Z)");
        }
    }
}
