package org.waymark.engine.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The readers' table of R4 resource types and their patient elements ({@code r4-patient-elements.tsv}) is what HAPI
 * FHIR's R4 definitions say: every resource type, and each of its {@code subject}, {@code subjectReference},
 * {@code patient} and {@code patientReference} elements, repeating or not. A newer HAPI that changes a definition
 * fails here, printing the table to put in the file.
 */
class PatientElementsTest {

    @Test
    void theTableIsHapisR4Definitions() {
        assertEquals(fromHapi(), String.join("\n", FieldSpec.patientElementsTable()) + "\n");
    }

    @Test
    void everyR4ResourceTypeIsKnownAndNothingElse() {
        for (String type : Fhir.context().getResourceTypes()) {
            assertTrue(FieldSpec.known(type), type);
            assertTrue(FieldSpec.of(type).containsKey("id"), type);
        }
        for (String notR4 : List.of("Foo", "patient", "MedicinalProductDefinition", "")) {
            assertFalse(FieldSpec.known(notR4), notR4);
        }
    }

    @Test
    void patientElementsAreReadAsReferencesRepeatingWhereTheDefinitionSays() {
        assertFalse(FieldSpec.of("Condition").get("subject").many());
        assertTrue(FieldSpec.of("Account").get("subject").many());
        assertEquals("MedicationStatement.subject.reference",
                FieldSpec.of("MedicationStatement").get("subject").children().get("reference").path());
        assertTrue(FieldSpec.of("AllergyIntolerance").containsKey("patient"));
        assertFalse(FieldSpec.of("Organization").containsKey("subject"));
    }

    private static String fromHapi() {
        StringBuilder table = new StringBuilder();
        for (String type : new TreeSet<>(Fhir.context().getResourceTypes())) {
            RuntimeResourceDefinition d = Fhir.context().getResourceDefinition(type);
            List<String> cells = new ArrayList<>(List.of(type));
            for (String element : FieldSpec.SUBJECT_ELEMENTS) {
                for (String name : List.of(element, element + "Reference")) {
                    BaseRuntimeChildDefinition child = d.getChildByName(name);
                    if (child != null) {
                        cells.add(name + (child.getMax() != 1 ? "*" : ""));
                    }
                }
            }
            table.append(String.join("\t", cells)).append('\n');
        }
        return table.toString();
    }
}
