package org.waymark.engine.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.waymark.engine.facts.PatientRecord;

/**
 * Hand-written edge cases read by both readers ({@link Records#bothReaders} asserts the records are identical,
 * or that both refuse): every status of every type the facts read, every date precision, every value type,
 * the Patient's fields, repeated resources and the one-patient rule; then the inputs only the streaming reader
 * checks (a value of the wrong JSON type for an element the facts read), which it must refuse naming the element.
 */
class ReadersAgreeTest {
    private static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");
    private static final String CODE = "{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"52448006\",\"display\":\"Dementia\"}],\"text\":\"t\"}";

    /** Every code of each status element, from the readers' own list of allowed codes. */
    static Stream<Arguments> statuses() {
        Map<String, String> statusOf = Map.of("Observation", "status", "Procedure", "status", "Encounter", "status",
                "MedicationRequest", "status", "MedicationStatement", "status", "CarePlan", "status", "Flag", "status",
                "ServiceRequest", "status", "Immunization", "status");
        List<Arguments> out = new ArrayList<>();
        statusOf.forEach((type, element) -> FieldSpec.of(type).get(element).codes()
                .forEach(code -> out.add(Arguments.of(type, "\"" + element + "\":\"" + code + "\""))));
        for (String clinical : List.of("active", "recurrence", "relapse", "inactive", "remission", "resolved", "")) {
            for (String verification : List.of("confirmed", "provisional", "refuted", "entered-in-error", "")) {
                out.add(Arguments.of("Condition", concept("clinicalStatus", clinical) + "," + concept("verificationStatus", verification)));
            }
        }
        out.add(Arguments.of("Observation", "\"code\":" + CODE));
        out.add(Arguments.of("Encounter", "\"status\":\"finished\",\"class\":{\"code\":\"IMP\"},\"priority\":" + coded("EM")));
        out.add(Arguments.of("Encounter", "\"status\":\"finished\",\"class\":{\"code\":\"ACUTE\"},\"hospitalization\":{\"admitSource\":" + coded("emd") + "}"));
        out.add(Arguments.of("Encounter", "\"status\":\"finished\",\"class\":{\"code\":\"AMB\"},\"type\":[" + coded("4525004") + "," + CODE + "]"));
        out.add(Arguments.of("ServiceRequest", "\"status\":\"active\",\"priority\":\"urgent\",\"category\":[" + CODE + "]"));
        out.add(Arguments.of("CarePlan", "\"status\":\"active\",\"category\":[" + CODE + "," + CODE + "]"));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("statuses")
    void statusesAndCodesAreReadAlike(String type, String elements) throws RecordException {
        String codeElement = switch (type) {
            case "MedicationRequest", "MedicationStatement" -> "medicationCodeableConcept";
            case "Immunization" -> "vaccineCode";
            case "CarePlan" -> "category";
            default -> "code";
        };
        String code = codeElement.equals("category") ? "[" + CODE + "]" : CODE;
        if (elements.contains("\"" + codeElement + "\"")) {
            Records.read(AS_OF, "{\"resourceType\":\"" + type + "\",\"id\":\"x\"," + elements + "}");
        } else {
            Records.read(AS_OF, "{\"resourceType\":\"" + type + "\",\"id\":\"x\",\"" + codeElement + "\":" + code + "," + elements + "}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026", "2026-11", "2026-11-20", "2026-11-21", "2025-02-28", "2026-11-20T11:59:59Z",
            "2026-11-20T12:00:01Z", "2026-07-01T23:30:00Z", "2026-07-01T23:30:00+01:00", "2026-03-29T01:30:00-05:00",
            "2026-11-20T10:00:00", "2026-11-20T10:00:00.123456Z", "2026-11-20T10:00:00.5+14:00", "1900-01-01", ""})
    void datesAndTheirPrecisionAreReadAlike(String date) throws RecordException {
        String at = "\"" + date + "\"";
        Records.read(AS_OF,
                "{\"resourceType\":\"Condition\",\"id\":\"a\",\"code\":" + CODE + ",\"onsetDateTime\":" + at + "}",
                "{\"resourceType\":\"Condition\",\"id\":\"b\",\"code\":" + CODE + ",\"onsetPeriod\":{\"start\":" + at + "},\"recordedDate\":\"2020\"}",
                "{\"resourceType\":\"Condition\",\"id\":\"c\",\"code\":" + CODE + ",\"recordedDate\":" + at + "}",
                "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\",\"code\":" + CODE + ",\"effectiveDateTime\":" + at + "}",
                "{\"resourceType\":\"Observation\",\"id\":\"o2\",\"status\":\"final\",\"code\":" + CODE + ",\"effectivePeriod\":{\"start\":" + at + "}}",
                "{\"resourceType\":\"Observation\",\"id\":\"o3\",\"code\":" + CODE + ",\"effectiveInstant\":" + at + "}",
                "{\"resourceType\":\"Observation\",\"id\":\"o4\",\"code\":" + CODE + ",\"issued\":" + at + "}",
                "{\"resourceType\":\"Procedure\",\"id\":\"p\",\"status\":\"completed\",\"code\":" + CODE + ",\"performedPeriod\":{\"start\":" + at + "}}",
                "{\"resourceType\":\"Encounter\",\"id\":\"e1\",\"status\":\"finished\",\"period\":{\"start\":" + at + ",\"end\":" + at + "}}",
                "{\"resourceType\":\"Encounter\",\"id\":\"e2\",\"status\":\"in-progress\",\"period\":{\"start\":\"2026-11-01\",\"end\":" + at + "}}",
                "{\"resourceType\":\"MedicationRequest\",\"id\":\"m\",\"status\":\"active\",\"medicationCodeableConcept\":" + CODE + ",\"authoredOn\":" + at + "}",
                "{\"resourceType\":\"MedicationStatement\",\"id\":\"s\",\"status\":\"active\",\"medicationCodeableConcept\":" + CODE + ",\"dateAsserted\":" + at + "}",
                "{\"resourceType\":\"CarePlan\",\"id\":\"cp\",\"status\":\"active\",\"created\":" + at + "}",
                "{\"resourceType\":\"Flag\",\"id\":\"f\",\"status\":\"active\",\"code\":" + CODE + ",\"period\":{\"start\":" + at + "}}",
                "{\"resourceType\":\"ServiceRequest\",\"id\":\"r\",\"status\":\"active\",\"code\":" + CODE + ",\"authoredOn\":" + at + "}",
                "{\"resourceType\":\"Immunization\",\"id\":\"i1\",\"status\":\"completed\",\"vaccineCode\":" + CODE + ",\"occurrenceDateTime\":" + at + "}",
                "{\"resourceType\":\"Immunization\",\"id\":\"i2\",\"status\":\"completed\",\"vaccineCode\":" + CODE + ",\"occurrenceString\":" + at + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"valueQuantity\":{\"value\":0.31,\"system\":\"http://unitsofmeasure.org\",\"code\":\"1\"}",
            "\"valueQuantity\":{\"value\":31,\"unit\":\"%\"}", "\"valueQuantity\":{\"value\":7,\"code\":\"{score}\"}",
            "\"valueQuantity\":{\"value\":1.50}", "\"valueQuantity\":{\"unit\":\"%\"}", "\"valueQuantity\":{\"value\":-1e308}",
            "\"valueInteger\":7", "\"valueInteger\":-2147483648", "\"valueDecimal\":0.5", "\"valueQuantity\":{\"value\":0.123456789012345678901}",
            "\"valueString\":\"7\"", "\"valueString\":\" 6.5 \"", "\"valueString\":\"NaN\"", "\"valueString\":\"seven\"",
            "\"valueCodeableConcept\":" + CODE, "\"valueBoolean\":true", "\"valueQuantity\":{\"value\":1e309}",
            "\"valueDecimal\":-1e400"})
    void valueTypesAreReadAlike(String value) throws RecordException {
        try {
            Records.read(AS_OF, "{\"resourceType\":\"Observation\",\"id\":\"o\",\"status\":\"final\",\"code\":" + CODE + "," + value + "}");
        } catch (RecordException refused) {
            assertTrue(refused.getMessage().contains("out of range"), refused.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"birthDate\":\"1940\"", "\"birthDate\":\"1940-06\"", "\"birthDate\":\"2026-11-21\"", "\"gender\":\"female\"",
            "\"gender\":\"other\"", "\"deceasedBoolean\":true", "\"deceasedBoolean\":false", "\"deceasedDateTime\":\"2026-11-01\"",
            "\"deceasedDateTime\":\"2026-12-01T10:00:00Z\"",
            "\"identifier\":[{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\"9434765919\"}]",
            "\"identifier\":[{\"system\":\"other\",\"value\":\"1\"},{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\"9434765918\"}]",
            "\"generalPractitioner\":[{\"identifier\":{\"system\":\"https://fhir.nhs.uk/Id/ods-organization-code\",\"value\":\"A81001\"}}]",
            "\"generalPractitioner\":[{\"reference\":\"Organization/o1\"},{\"identifier\":{\"value\":\"B1\"}}]"})
    void patientFieldsAreReadAlike(String element) throws RecordException {
        PatientRecord record = Records.bothReaders("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\","
                + element + "}}]}", AS_OF);
        assertEquals("Patient/p1", record.patient().reference());
    }

    private static final String ETHNIC = "{\"url\":\"https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory\","
            + "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategory%s\",\"code\":\"%s\"}]}}";

    /** The ethnic category extension and the home postcode, read alike and to the expected group and postcode ("-": none). */
    @ParameterizedTest
    @ValueSource(strings = {"England|A|-|White|-", "EnglandAndWales|R|-|Asian|-", "EnglandAndWales|D|-|Mixed|-", "England|N|-|Black|-",
            "England|S|-|Other|-", "England|Z|-|-|-", "England|99|-|-|-", "Wales|T|-|-|-", "England|k|-|Asian|-",
            "England|H|[{\"use\":\"old\",\"postalCode\":\"LS1 1AA\"},{\"use\":\"work\",\"postalCode\":\"M1 1AE\"},{\"use\":\"home\",\"postalCode\":\" WM3 2AB \"}]|Asian|WM3 2AB",
            "England|M|[{\"line\":[\"1 Road\"]},{\"postalCode\":\"M1 1AE\"}]|Black|M1 1AE", "England|A|[{\"use\":\"old\",\"postalCode\":\"LS1 1AA\"}]|White|-"})
    void ethnicGroupAndPostcodeAreReadAlike(String row) throws RecordException {
        String[] c = row.split("\\|");
        String address = c[2].equals("-") ? "" : ",\"address\":" + c[2];
        PatientRecord record = Records.bothReaders("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\","
                + "\"extension\":[{\"url\":\"other\"}," + String.format(ETHNIC, c[0], c[1]) + "]" + address + "}}]}", AS_OF);
        assertEquals(Optional.of(c[3]).filter(g -> !g.equals("-")), record.patient().ethnicGroup());
        assertEquals(Optional.of(c[4]).filter(g -> !g.equals("-")), record.patient().postcode());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // a repeated resource counts once; the same Patient twice is one Patient
            "{\"resource\":{\"resourceType\":\"Flag\",\"id\":\"f\",\"status\":\"active\"}},{\"resource\":{\"resourceType\":\"Flag\",\"id\":\"f\",\"status\":\"active\"}},"
                    + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\"}}",
            // undated and id-less entries keep their place in the record as their reference
            "{\"resource\":{\"resourceType\":\"Flag\",\"status\":\"active\"}},{\"resource\":{\"resourceType\":\"Flag\",\"status\":\"active\"}}",
            // an entry without id takes its fullUrl's, as HAPI does
            "{\"fullUrl\":\"urn:uuid:22222222-2222-4222-8222-222222222222\",\"resource\":{\"resourceType\":\"Flag\",\"status\":\"active\"}}",
            "{\"fullUrl\":\"https://h/fhir/Flag/9\",\"resource\":{\"resourceType\":\"Flag\",\"status\":\"active\",\"subject\":{\"reference\":\"https://h/fhir/Patient/p1\"}}}",
            // types the facts do not read are skipped, but their subject is still checked
            "{\"resource\":{\"resourceType\":\"AllergyIntolerance\",\"id\":\"a\",\"patient\":{\"reference\":\"Patient/p1\"},\"code\":{\"text\":\"x\"}}}",
            "{\"resource\":{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"other\"}}]}}",
            // the second Patient, another patient's entries: refused by both
            "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p2\"}}",
            "{\"resource\":{\"resourceType\":\"DiagnosticReport\",\"id\":\"d\",\"subject\":{\"reference\":\"Patient/p2\"}}}",
            "{\"resource\":{\"resourceType\":\"Immunization\",\"id\":\"i\",\"status\":\"completed\",\"patient\":{\"reference\":\"urn:uuid:33333333-3333-4333-8333-333333333333\"}}}",
            "{\"resource\":{\"resourceType\":\"Flag\",\"id\":\"f\",\"status\":\"active\",\"subject\":{\"identifier\":{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\"9434765870\"}}}}",
            "{\"resource\":{\"resourceType\":\"Flag\",\"id\":\"f\",\"status\":\"active\",\"subject\":{\"identifier\":{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\"9434765919\"}}}}",
            "{\"resource\":{\"resourceType\":\"Flag\",\"id\":\"f\",\"status\":\"active\",\"subject\":{\"reference\":\"Patient/p1/_history/3\"}}}",
            "{\"resource\":{\"resourceType\":\"Flag\",\"id\":\"f\",\"status\":\"active\",\"subject\":{\"reference\":\"Group/p1\"}}}",
            "{\"resource\":{\"resourceType\":\"MedicationRequest\",\"id\":\"m\",\"status\":\"active\",\"courseOfTherapyType\":{\"coding\":[{\"code\":\"acute\"}]}}}",
            "{\"resource\":{\"resourceType\":\"MedicationRequest\",\"id\":\"m\",\"status\":\"active\",\"dispenseRequest\":{\"numberOfRepeatsAllowed\":2},"
                    + "\"courseOfTherapyType\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy\",\"code\":\"acute\"}]}}}",
            "{\"resource\":{\"resourceType\":\"MedicationRequest\",\"id\":\"m\",\"status\":\"active\",\"extension\":[{\"url\":\""
                    + MedicationCourse.EPS_REPEAT_INFORMATION + "\"}],\"courseOfTherapyType\":{\"coding\":[{\"code\":\"acute\"}]}}}"})
    void recordAssemblyIsTheSame(String entries) throws RecordException {
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"fullUrl\":\"urn:uuid:11111111-1111-4111-8111-111111111111\","
                + "\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\",\"identifier\":[{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\","
                + "\"value\":\"9434765919\"}]}}," + entries + "]}";
        try {
            Records.bothReaders(json, AS_OF);
        } catch (RecordException refused) {
            assertTrue(refused.getMessage().contains("Patient"), refused.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"birthDate\":1940|Patient.birthDate", "\"birthDate\":\"1940-13\"|Patient.birthDate",
            "\"birthDate\":\"1940-02-30\"|Patient.birthDate", "\"gender\":{}|Patient.gender", "\"gender\":\"f\"|Patient.gender",
            "\"deceasedBoolean\":\"true\"|Patient.deceasedBoolean", "\"identifier\":[{\"value\":9434765919}]|Patient.identifier.value",
            "\"id\":5|Patient.id"})
    void aPatientValueOfTheWrongTypeIsRefusedNamingTheElement(String caseAndElement) {
        String[] c = caseAndElement.split("\\|");
        String json = "{\"resourceType\":\"Patient\"," + c[0] + "}";
        String message = assertThrows(RecordException.class, () -> RecordStream.read(json, AS_OF)).getMessage();
        assertTrue(message.contains(c[1]), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"status\":{\"code\":\"final\"}|Observation.status", "\"status\":\"bogus\"|Observation.status",
            "\"status\":[\"final\"]|Observation.status", "\"effectiveDateTime\":\"2026-11-20T10:00\"|Observation.effectiveDateTime",
            "\"effectiveDateTime\":\"20/11/2026\"|Observation.effectiveDateTime", "\"issued\":5|Observation.issued",
            "\"valueInteger\":7.5|Observation.valueInteger", "\"valueInteger\":99999999999|Observation.valueInteger",
            "\"valueQuantity\":{\"value\":\"7\"}|Observation.valueQuantity.value",
            "\"valueString\":7|Observation.valueString", "\"code\":\"52448006\"|Observation.code",
            "\"code\":{\"coding\":[{\"code\":52448006}]}|Observation.code.coding.code", "\"subject\":\"Patient/p1\"|Observation.subject"})
    void anEntryValueOfTheWrongTypeIsRefusedNamingTheElement(String caseAndElement) {
        String[] c = caseAndElement.split("\\|");
        String json = Records.bundle("{\"resourceType\":\"Observation\",\"id\":\"o\"," + c[0] + "}");
        String message = assertThrows(RecordException.class, () -> RecordStream.read(json, AS_OF)).getMessage();
        assertTrue(message.contains(c[1]) && message.contains("entry[1]"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"resourceType\":\"Nope\"}", "{\"id\":\"p1\"}", "[]", "{\"resourceType\":\"Patient\"", "",
            "{\"resourceType\":\"Bundle\",\"entry\":{}}", "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":\"Patient/p1\"}]}"})
    void whatIsNotAFhirResourceIsRefused(String json) {
        assertThrows(RecordException.class, () -> RecordStream.read(json, AS_OF));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"p1\",\"resourceType\":\"Patient\",\"birthDate\":\"1940\"}",
            "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"unknown\":{\"deep\":[1,2,{\"x\":null}]},\"_birthDate\":{\"extension\":[]},\"birthDate\":\"1940\"}"})
    void resourceTypeAnywhereAndUnknownElementsAreReadAlike(String json) throws RecordException {
        assertEquals(Records.bothReaders(json, AS_OF).patient().birthDate().orElseThrow().getYear(), 1940);
    }

    private static String concept(String name, String code) {
        return code.isEmpty() ? "\"" + name + "\":{\"text\":\"none\"}" : "\"" + name + "\":" + coded(code);
    }

    private static String coded(String code) {
        return "{\"coding\":[{\"code\":\"" + code + "\"}]}";
    }
}
