package org.waymark.screening.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Per-PCN and per-practice counts, rates, KPIs and breakdowns on a population with known counts ({@link KnownPopulation}). */
class PopulationMeasuresTest {
    private static final Map<String, Table> SUPPRESSED = byName(KnownPopulation.measures().publish(Disclosure.NHS_SDC));
    private static final Map<String, Table> EXACT = byName(KnownPopulation.measures().publish(Disclosure.NONE));

    @Test
    void perPcnCountsAreRoundedToFiveOrSuppressedAndRatesComeFromExactCounts() {
        Table t = SUPPRESSED.get(PopulationMeasures.BY_PCN);
        // count, registered, rate per 1,000
        assertEquals(List.of("40", "40", ""), cells(t, "North PCN", "registered"));
        assertEquals(List.of("25", "40", "575.0"), cells(t, "North PCN", "patients_flagged"), "23 of 40 flagged: rounded to 25, rate from 23");
        assertEquals(List.of("10", "40", "300.0"), cells(t, "North PCN", "recommendation:carers.identify"), "12 rounds to 10; rate from 12");
        assertEquals(List.of("*", "40", "*"), cells(t, "North PCN", "recommendation:proactive-care.frailty-review"), "3 is suppressed");
        assertEquals(List.of("10", "40", "200.0"), cells(t, "North PCN", "overdue:reablement/first-visit"), "8 is the smallest count shown");
        assertEquals(List.of("15", "15", ""), cells(t, "South PCN", "registered"), "13 rounds to 15");
        assertEquals(List.of("*", "15", "*"), cells(t, "South PCN", "recommendation:carers.identify"));
        assertEquals(List.of("0", "15", "0.0"), cells(t, "South PCN", "overdue:reablement/first-visit"), "0 is shown, every PCN lists every measure");
        assertEquals(List.of("*", "*", ""), cells(t, "Tiny PCN", "registered"), "7 registered is suppressed");
        assertEquals(List.of("0", "*", "*"), cells(t, "Tiny PCN", "patients_flagged"), "a denominator of 7 withholds the rate");
        assertEquals(List.of("*", "*", ""), cells(t, "(unknown)", "registered"));
        assertEquals(List.of("North PCN", "South PCN", "Tiny PCN", "(unknown)"),
                t.rows().stream().map(r -> r.get(0).text()).distinct().toList(), "named PCNs first, unknown last");
    }

    @Test
    void withoutSuppressionTheSameTableIsExact() {
        Table t = EXACT.get(PopulationMeasures.BY_PCN);
        assertEquals(List.of("23", "40", "575.0"), cells(t, "North PCN", "patients_flagged"));
        assertEquals(List.of("3", "40", "75.0"), cells(t, "North PCN", "recommendation:proactive-care.frailty-review"));
        assertEquals(List.of("7", "7", ""), cells(t, "Tiny PCN", "registered"));
        assertEquals(List.of("1", "13", "76.9"), cells(t, "South PCN", "recommendation:carers.identify"));
    }

    @Test
    void perPracticeCountsCarryTheirPcn() {
        Table t = SUPPRESSED.get(PopulationMeasures.BY_PRACTICE);
        assertEquals(List.of("N1", "North PCN", "registered", "25", "25", ""), texts(find(t, "N1", "registered")));
        assertEquals(List.of("N1", "North PCN", "recommendation:carers.identify", "10", "25", "480.0"),
                texts(find(t, "N1", "recommendation:carers.identify")));
        assertEquals(List.of("N2", "North PCN", "registered", "15", "15", ""), texts(find(t, "N2", "registered")));
        assertEquals(List.of("N2", "North PCN", "overdue:reablement/first-visit", "0", "15", "0.0"), texts(find(t, "N2", "overdue:reablement/first-visit")),
                "the 8 overdue patients are all in N1");
    }

    @Test
    void pathwayKpisPerPcnAgainstTheirStandard() {
        Table t = SUPPRESSED.get(PopulationMeasures.KPI_BY_PCN);
        assertEquals(List.of("pcn", "pathway", "step", "standard_step", "target_percent", "instances", "met", "breached", "open", "percent_met",
                "median_hours_to_done", "p90_hours_to_done"), t.columns());
        assertEquals(List.of("North PCN", KnownPopulation.UCR, "first-contact", "true", "70", "25", "15", "*", "*", "71.4", "1.1", "6.0"),
                texts(find(t, "North PCN", KnownPopulation.UCR)), "23 instances round to 25; 15 of 21 decided met; 6 breached and 2 open suppressed");
        assertEquals(List.of("South PCN", KnownPopulation.UCR, "first-contact", "true", "70", "20", "10", "10", "0", "50.0", "2.0", "3.0"),
                texts(find(t, "South PCN", KnownPopulation.UCR)));
        assertEquals(List.of("Tiny PCN", KnownPopulation.UCR, "first-contact", "true", "70", "*", "*", "0", "0", "*", "*", "*"),
                texts(find(t, "Tiny PCN", KnownPopulation.UCR)), "3 instances: the share and times are withheld");
        assertEquals(List.of("North PCN", "reablement", "first-visit", "false", "", "*", "0", "0", "*", "", "", ""),
                texts(find(t, "North PCN", "reablement")), "not the standard step: no target; nothing decided: no share");
        List<String> exact = texts(find(EXACT.get(PopulationMeasures.KPI_BY_PCN), "Tiny PCN", KnownPopulation.UCR));
        assertEquals(List.of("3", "3", "0", "0", "100.0", "1.0", "1.0"), exact.subList(5, 12));
    }

    @Test
    void breakdownsByAgeBandAndSexOnlyForTheDimensionsTheDataHas() {
        Table t = SUPPRESSED.get(PopulationMeasures.BREAKDOWNS);
        assertEquals(List.of("age_band", "85+", "patients_flagged", "20", "20", "1000.0"), texts(find(t, "age_band", "85+", "patients_flagged")),
                "North's first 20 are 85+ and all flagged (0 to 19 < 23)");
        assertEquals(List.of("age_band", "18-64", "patients_flagged", "*", "20", "*"), texts(find(t, "age_band", "18-64", "patients_flagged")),
                "patients 20 to 22: 3 flagged");
        assertEquals(List.of("age_band", "0-17", "registered", "10", "10", ""), texts(find(t, "age_band", "0-17", "registered")), "Tiny's 7 and the unknown one: 8");
        assertEquals(List.of("sex", "female", "registered", "35", "35", ""), texts(find(t, "sex", "female", "registered")), "20 + 13 = 33 rounds to 35");
        assertEquals(List.of("sex", "male", "patients_flagged", "*", "30", "*"), texts(find(t, "sex", "male", "patients_flagged")), "28 male, 3 flagged");
        assertFalse(t.rows().stream().anyMatch(r -> r.get(0).text().equals("deprivation_decile") || r.get(0).text().equals("ethnic_group")),
                "dimensions no patient has are left out");
    }

    @Test
    void patientCountsCountedInSharesAndAddedPublishAsCountingEveryPatientInOne() {
        List<ScreenedPatient> patients = KnownPopulation.patients();
        PopulationMeasures total = new PopulationMeasures();
        // Uneven shares, one of them empty, each counted apart as a partition's writer counts its rows.
        for (List<ScreenedPatient> share : List.of(patients.subList(0, 17), patients.subList(17, 17), patients.subList(17, patients.size()))) {
            PopulationMeasures counted = new PopulationMeasures();
            share.forEach(counted::add);
            counted.forEachPatientCount(total::addPatientCount);
        }
        KnownPopulation.outcomes().forEach(total::add);
        assertEquals(KnownPopulation.measures().publish(Disclosure.NONE), total.publish(Disclosure.NONE));
        assertEquals(KnownPopulation.measures().publish(Disclosure.NHS_SDC), total.publish(Disclosure.NHS_SDC));
    }

    private static Map<String, Table> byName(List<Table> tables) {
        return tables.stream().collect(Collectors.toMap(Table::name, t -> t, (a, b) -> a, LinkedHashMap::new));
    }

    /** The count, registered and rate of one measure of one PCN. */
    private static List<String> cells(Table t, String pcn, String measure) {
        return texts(find(t, pcn, measure)).subList(2, 5);
    }

    /** The one row whose first cell is {@code first} and which has all the {@code others}. */
    private static List<Figure> find(Table t, String first, String... others) {
        List<List<Figure>> rows = t.rows().stream().filter(r -> r.get(0).text().equals(first) && texts(r).containsAll(List.of(others))).toList();
        assertEquals(1, rows.size(), t.name() + " rows for " + first + ", " + List.of(others));
        return rows.get(0);
    }

    private static List<String> texts(List<Figure> row) {
        return row.stream().map(Figure::text).toList();
    }
}
