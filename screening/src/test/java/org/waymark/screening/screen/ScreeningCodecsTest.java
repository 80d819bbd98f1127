package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.waymark.engine.assessment.StepObservation;

/** The cohort row and KPI observation codecs: what is written is read back unchanged, and CSV is quoted only where it must be. */
class ScreeningCodecsTest {
    @Test
    void aCohortRowSurvivesItsJsonLine() throws Exception {
        CohortRow row = new CohortRow("p1", "A12345", "North PCN", "75-84", "female", "3", "Asian", List.of("carers.identify", "proactive-care.frailty-review"),
                List.of("reablement/first-visit"));
        assertEquals("{\"patient\":\"p1\",\"practice\":\"A12345\",\"pcn\":\"North PCN\",\"ageBand\":\"75-84\",\"sex\":\"female\",\"deprivationDecile\":\"3\",\"ethnicGroup\":\"Asian\",\"recommendations\":[\"carers.identify\","
                + "\"proactive-care.frailty-review\"],\"overdueSteps\":[\"reablement/first-visit\"]}", row.toJson());
        assertEquals(row, CohortRow.fromJson(row.toJson()));
    }

    @Test
    void theCohortCsvQuotesOnlyAValueThatNeedsIt() throws Exception {
        StringWriter out = new StringWriter();
        try (CohortCsv csv = new CohortCsv(out)) {
            csv.write(new CohortRow("p1", "A12345", "North PCN", "18-64", "male", "", "", List.of("a.b", "c.d"), List.of()));
            csv.write(new CohortRow("p2", "B1", "Smith, Jones \"and\" partners", "85+", "female", "10", "White", List.of("a.b"), List.of("x/y")));
        }
        assertEquals("patient,practice,pcn,recommendations,overdue_steps\n"
                + "p1,A12345,North PCN,a.b c.d,\n"
                + "p2,B1,\"Smith, Jones \"\"and\"\" partners\",a.b,x/y\n", out.toString());
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
