package org.waymark.engine.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which elements of each resource type the facts read, and of what FHIR type: the one list both readers
 * follow ({@link FactMapper} over HAPI resources, {@link RecordStream} over JSON). Everything else is
 * skipped. Codes bound to a required value set (statuses, gender, priority) list their allowed codes, so an
 * unknown status is refused by either reader rather than read as "no status".
 */
final class FieldSpec {
    /** The FHIR type of an element, as far as reading it needs. */
    enum Kind { STRING, CODE, DATE, INSTANT, DECIMAL, INTEGER, BOOLEAN, ELEMENT }

    /**
     * One element: its JSON name, kind, whether it repeats, its allowed codes (CODE, null: any), its children
     * (ELEMENT) and its path in the resource for messages, such as {@code Observation.valueQuantity.value}.
     */
    record Field(String name, Kind kind, boolean many, Set<String> codes, Map<String, Field> children, String path) {
        Field(String name, Kind kind, boolean many, Set<String> codes, Map<String, Field> children) {
            this(name, kind, many, codes, children, name);
        }

        /** This element and its children with their paths under {@code parent}. */
        Field under(String parent) {
            String at = parent + "." + name;
            return new Field(name, kind, many, codes, children == null ? null : within(at, children.values()), at);
        }
    }

    /** The elements that name the patient a resource is about, checked by {@link RecordIntegrity} on every resource type. */
    static final List<String> SUBJECT_ELEMENTS = List.of("subject", "patient");
    private static final Field REFERENCE = element("reference", false, text("reference"),
            element("identifier", false, text("system"), text("value")));
    /**
     * Every R4 resource type and its {@link #SUBJECT_ELEMENTS} as JSON names, {@code *} after one that repeats: HAPI's R4
     * definitions written out ({@code PatientElementsTest} checks them), because building those definitions at run time
     * costs most of a second of CPU at every start.
     */
    private static final String PATIENT_ELEMENTS = "r4-patient-elements.tsv";
    private static final Map<String, List<Field>> OWN = own();
    private static final Map<String, Map<String, Field>> BY_TYPE = byType();

    private FieldSpec() {
    }

    /** The elements read of {@code type} (a {@link #known} R4 resource type): its own, its id, and its subject and patient references. */
    static Map<String, Field> of(String type) {
        return BY_TYPE.get(type);
    }

    static boolean known(String type) {
        return BY_TYPE.containsKey(type);
    }

    private static Map<String, Map<String, Field>> byType() {
        Map<String, Map<String, Field>> byType = new HashMap<>();
        for (String line : patientElementsTable()) {
            String[] cells = line.split("\t");
            Map<String, Field> fields = new LinkedHashMap<>();
            fields.put("id", text("id"));
            for (int i = 1; i < cells.length; i++) {
                boolean many = cells[i].endsWith("*");
                // Interned, as the parser's names and the literals they are looked up by are: Sparse compares identity first.
                String name = (many ? cells[i].substring(0, cells[i].length() - 1) : cells[i]).intern();
                fields.put(name, new Field(name, Kind.ELEMENT, many, null, REFERENCE.children()));
            }
            OWN.getOrDefault(cells[0], List.of()).forEach(f -> fields.put(f.name(), f));
            byType.put(cells[0], within(cells[0], fields.values()));
        }
        return Collections.unmodifiableMap(byType);
    }

    /** The table's lines, without its comments. */
    static List<String> patientElementsTable() {
        try (InputStream in = FieldSpec.class.getResourceAsStream(PATIENT_ELEMENTS)) {
            if (in == null) {
                throw new IllegalStateException(PATIENT_ELEMENTS + " is missing from the engine's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Paths are made once per type here, so the reader builds no strings per element it reads. A HashMap, not
     * {@code Map.copyOf}: the reader looks up every member name of every element, and HashMap's lookup is the cheaper.
     */
    private static Map<String, Field> within(String parent, Collection<Field> fields) {
        Map<String, Field> byName = new HashMap<>();
        fields.forEach(f -> byName.put(f.name(), f.under(parent)));
        return Collections.unmodifiableMap(byName);
    }

    private static Map<String, List<Field>> own() {
        Map<String, List<Field>> own = new HashMap<>();
        own.put("Patient", List.of(date("birthDate"), many(element("identifier", true, text("system"), text("value"))),
                new Field("deceasedBoolean", Kind.BOOLEAN, false, null, null), date("deceasedDateTime"),
                code("gender", org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.class),
                element("generalPractitioner", true, text("reference"), element("identifier", false, text("value"))),
                element("address", true, text("use"), text("postalCode")), element("extension", true, text("url"), concept("valueCodeableConcept"))));
        own.put("Condition", List.of(concept("clinicalStatus"), concept("verificationStatus"), concept("code"),
                date("onsetDateTime"), period("onsetPeriod"), date("recordedDate")));
        own.put("Observation", List.of(code("status", org.hl7.fhir.r4.model.Observation.ObservationStatus.class), concept("code"),
                concept("valueCodeableConcept"),
                element("valueQuantity", false, new Field("value", Kind.DECIMAL, false, null, null), text("unit"), text("system"), text("code")),
                new Field("valueInteger", Kind.INTEGER, false, null, null),
                text("valueString"), date("effectiveDateTime"), period("effectivePeriod"),
                new Field("effectiveInstant", Kind.INSTANT, false, null, null), new Field("issued", Kind.INSTANT, false, null, null)));
        own.put("Procedure", List.of(code("status", org.hl7.fhir.r4.model.Procedure.ProcedureStatus.class), concept("code"),
                date("performedDateTime"), period("performedPeriod")));
        own.put("Encounter", List.of(code("status", org.hl7.fhir.r4.model.Encounter.EncounterStatus.class), many(concept("type")),
                element("class", false, text("code")), concept("priority"), element("hospitalization", false, concept("admitSource")),
                element("period", false, date("start"), date("end"))));
        own.put("MedicationRequest", List.of(code("status", org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus.class),
                concept("medicationCodeableConcept"), date("authoredOn"), element("extension", true, text("url")),
                element("dispenseRequest", false, new Field("numberOfRepeatsAllowed", Kind.INTEGER, false, null, null)),
                concept("courseOfTherapyType")));
        own.put("MedicationStatement", List.of(code("status", org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus.class),
                concept("medicationCodeableConcept"), date("effectiveDateTime"), period("effectivePeriod"), date("dateAsserted")));
        own.put("CarePlan", List.of(code("status", org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.class), many(concept("category")),
                period("period"), date("created")));
        own.put("Flag", List.of(code("status", org.hl7.fhir.r4.model.Flag.FlagStatus.class), concept("code"), period("period")));
        own.put("ServiceRequest", List.of(code("status", org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.class),
                concept("code"), many(concept("category")),
                code("priority", org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority.class), date("authoredOn")));
        own.put("Immunization", List.of(code("status", org.hl7.fhir.r4.model.Immunization.ImmunizationStatus.class),
                concept("vaccineCode"), date("occurrenceDateTime"), text("occurrenceString")));
        own.put("OperationOutcome", List.of(element("issue", true,
                code("severity", org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.class))));
        return Map.copyOf(own);
    }

    private static Field many(Field f) {
        return new Field(f.name(), f.kind(), true, f.codes(), f.children());
    }

    private static Field text(String name) {
        return new Field(name, Kind.STRING, false, null, null);
    }

    private static Field date(String name) {
        return new Field(name, Kind.DATE, false, null, null);
    }

    private static Field period(String name) {
        return element(name, false, date("start"));
    }

    private static Field concept(String name) {
        return element(name, false, element("coding", true, text("system"), text("code"), text("display")), text("text"));
    }

    private static Field element(String name, boolean many, Field... children) {
        return new Field(name, Kind.ELEMENT, many, null, Arrays.stream(children).collect(Collectors.toUnmodifiableMap(Field::name, f -> f)));
    }

    /** A code bound to one of HAPI's generated enumerations: its codes, read once at start-up. */
    private static Field code(String name, Class<? extends Enum<?>> enumeration) {
        Set<String> codes = Arrays.stream(enumeration.getEnumConstants()).filter(c -> !c.name().equals("NULL")).map(c -> {
            try {
                return (String) enumeration.getMethod("toCode").invoke(c);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("HAPI enumeration without toCode: " + enumeration, e);
            }
        }).collect(Collectors.toUnmodifiableSet());
        return new Field(name, Kind.CODE, false, codes, null);
    }
}
