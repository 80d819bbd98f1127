package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.waymark.engine.assessment.StepObservation;
import org.waymark.screening.measures.Disclosure;
import org.waymark.screening.measures.PopulationMeasures;

/** The cohort row and KPI observation codecs: what is written is read back unchanged, and CSV is quoted only where it must be. */
class ScreeningCodecsTest {
    @Test
    void aCohortRowSurvivesItsJsonLine() throws Exception {
        CohortRow row = new CohortRow("p1", "A12345", "North PCN", "75-84", "female", "3", "Asian", List.of("carers.identify", "proactive-care.frailty-review"),
                List.of("reablement/first-visit"));
        assertEquals("{\"patient\":\"p1\",\"practice\":\"A12345\",\"pcn\":\"North PCN\",\"ageBand\":\"75-84\",\"sex\":\"female\",\"deprivationDecile\":\"3\",\"ethnicGroup\":\"Asian\",\"recommendations\":[\"carers.identify\","
                + "\"proactive-care.frailty-review\"],\"overdueSteps\":[\"reablement/first-visit\"]}", row.toJson());
        assertEquals(row, new ObjectMapper().readValue(row.toJson(), CohortRow.class));
    }

    @Test
    void theCohortCsvQuotesOnlyAValueThatNeedsItAndItsPartitionsPiecesFollowTheHeader() throws Exception {
        StringWriter first = new StringWriter();
        CohortCsv.write(first, List.of(new CohortRow("p1", "A12345", "North PCN", "18-64", "male", "", "", List.of("a.b", "c.d"), List.of())));
        StringWriter none = new StringWriter();
        CohortCsv.write(none, List.of());
        StringWriter second = new StringWriter();
        CohortCsv.write(second, List.of(new CohortRow("p2", "B1", "Smith, Jones \"and\" partners", "85+", "female", "10", "White", List.of("a.b"), List.of("x/y")),
                new CohortRow("p3", "B1", "Line\nbreak", "85+", "female", "", "", List.of(), List.of("x/y"))));
        assertEquals("patient,practice,pcn,recommendations,overdue_steps\n"
                + "p1,A12345,North PCN,a.b c.d,\n"
                + "p2,B1,\"Smith, Jones \"\"and\"\" partners\",a.b,x/y\n"
                + "p3,B1,\"Line\nbreak\",,x/y\n", CohortCsv.HEADER + first + none + second);
    }

    @Test
    void cohortCountsWrittenByPartitionAndAddedEqualCountingEveryRowInOne() throws Exception {
        List<CohortRow> rows = List.of(
                new CohortRow("p1", "A1", "North PCN", "85+", "female", "3", "Asian", List.of("carers.identify", "proactive-care.frailty-review"), List.of()),
                new CohortRow("p2", "A1", "North PCN", "18-64", "male", "", "", List.of(), List.of()),
                new CohortRow("p3", "B1", "Smith, Jones \"and\" partners\t\u00e9", "65-74", "female", "10", "White", List.of("carers.identify"),
                        List.of("reablement/first-visit")),
                new CohortRow("p4", "", "", "0-17", "unknown", "", "", List.of(), List.of("reablement/first-visit")),
                new CohortRow("p5", "B1", "Smith, Jones \"and\" partners\t\u00e9", "65-74", "male", "2", "", List.of(), List.of()));
        PopulationMeasures everyRow = new PopulationMeasures();
        CohortCounts inOne = new CohortCounts(everyRow);
        rows.forEach(inOne::add);
        PopulationMeasures added = new PopulationMeasures();
        CohortCounts total = new CohortCounts(added);
        for (List<CohortRow> partition : List.of(rows.subList(0, 2), rows.subList(2, 2), rows.subList(2, 5))) {
            CohortCounts counts = new CohortCounts(new PopulationMeasures());
            partition.forEach(counts::add);
            StringWriter out = new StringWriter();
            counts.write(out);
            total.addFrom(new StringReader(out.toString()));
        }
        ObjectNode expected = new ObjectMapper().createObjectNode();
        inOne.summarise(expected);
        ObjectNode actual = new ObjectMapper().createObjectNode();
        total.summarise(actual);
        assertEquals(expected.toString(), actual.toString());
        assertEquals(5, actual.path("patients").asLong());
        assertEquals(3, actual.path("patientsWithRecommendations").asLong());
        assertEquals(2, actual.path("perPcn").path("Smith, Jones \"and\" partners\t\u00e9").path("patients").asLong());
        assertEquals(1, actual.path("perPcn").path("(unknown)").path("patients").asLong());
        assertEquals(everyRow.publish(Disclosure.NONE), added.publish(Disclosure.NONE));
    }

    @Test
    void kpiObservationsSurviveTheirCsvWithAndWithoutATimeToDone() throws Exception {
        List<KpiObservation> observations = List.of(
                new KpiObservation("urgent-community-response", "first-contact", true, 0.7, StepObservation.Standard.MET, 5400L, "North PCN"),
                new KpiObservation("reablement", "first-visit", false, 1.0, StepObservation.Standard.OPEN, null, "Smith, Jones \"and\" partners"));
        StringWriter out = new StringWriter();
        KpiObservation.write(out, observations);
        assertEquals(observations, KpiObservation.read(new StringReader(out.toString())));
        assertEquals(List.of(), KpiObservation.read(new StringReader(writeNone())));
    }

    private static String writeNone() throws Exception {
        StringWriter out = new StringWriter();
        KpiObservation.write(out, List.of());
        return out.toString();
    }
}
