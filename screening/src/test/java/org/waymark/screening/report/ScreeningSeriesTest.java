package org.waymark.screening.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.screening.generate.PopulationGenerator;
import org.waymark.screening.measures.Disclosure;
import org.waymark.screening.measures.MonthEnd;
import org.waymark.screening.screen.PatientKeyPolicy;
import org.waymark.screening.screen.Screening;

/** {@code --as-of-series}: one pass, each month evaluated as of its end, equal to a plain run at that instant. */
class ScreeningSeriesTest {
    private static final YearMonth FIRST = YearMonth.of(2025, 12);
    private static final YearMonth LAST = YearMonth.of(2026, 11);
    private static List<CompiledRuleSet> ruleSets;
    private static PathwayService pathways;

    @TempDir Path tmp;

    @BeforeAll
    static void load() throws Exception {
        Path root = RepositoryRoot.root();
        ruleSets = RuleSetRegistry.load(root.resolve("rules"), Map.of()).current().allActive();
        pathways = new PathwayService(PathwayRegistry.load(root.resolve("pathways/definitions")));
    }

    @Test
    void aMonthEndIsTheLastMillisecondOfTheMonthInEngland() {
        assertEquals(Instant.parse("2026-03-31T22:59:59.999Z"), MonthEnd.of(YearMonth.of(2026, 3)));
        assertEquals(Instant.parse("2025-12-31T23:59:59.999Z"), MonthEnd.of(YearMonth.of(2025, 12)));
    }

    @Test
    void aBackwardsRangeOrAnAsOfThatIsNotTheLastMonthEndIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> options(tmp, tmp.resolve("o"), LAST, FIRST, Disclosure.NONE));
        assertThrows(IllegalArgumentException.class, () -> new Screening.Options(tmp, tmp.resolve("o"), MonthEnd.of(FIRST), 2, 1,
                PatientKeyPolicy.realIds(), Optional.empty(), Disclosure.NONE, List.of(FIRST, LAST), Optional.empty()));
    }

    /**
     * Known events: dementia recorded on 15 March 2026 (carers.identify from March), a patient who died on 10 June 2026
     * (registered until May) and one born on 3 February 2026 (registered from February).
     */
    @Test
    void knownEventsAppearFromTheirMonthAndSmallCountsAreSuppressed() throws Exception {
        Path input = tmp.resolve("in");
        Files.createDirectories(input);
        Files.writeString(input.resolve("Patient.ndjson"), """
                {"resourceType":"Patient","id":"carer","birthDate":"1940-01-01","gender":"female"}
                {"resourceType":"Patient","id":"died","birthDate":"1950-01-01","gender":"male","deceasedDateTime":"2026-06-10T10:00:00Z"}
                {"resourceType":"Patient","id":"baby","birthDate":"2026-02-03","gender":"female"}
                """);
        Files.writeString(input.resolve("Condition.ndjson"), """
                {"resourceType":"Condition","id":"d1","subject":{"reference":"Patient/carer"},"clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"230267005","display":"Familial Alzheimer's disease of late onset"}]},"onsetDateTime":"2026-03-15"}
                """);
        Path exact = tmp.resolve("exact");
        JsonNode summary = Screening.run(options(input, exact, FIRST, LAST, Disclosure.NONE), ruleSets, pathways, quiet(), false);

        Map<String, String> identify = column(PublishedCsv.read(exact.resolve("measures-series.csv")), "carers.identify", "count");
        assertEquals(12, identify.size(), identify.toString());
        identify.forEach((month, count) -> assertEquals(YearMonth.parse(month).isBefore(YearMonth.of(2026, 3)) ? "0" : "1", count, month));
        Map<String, String> registered = column(PublishedCsv.read(exact.resolve("measures-series.csv")), "registered", "count");
        assertEquals("2", registered.get("2025-12"));
        assertEquals("2", registered.get("2026-01"));
        assertEquals("3", registered.get("2026-02"));
        assertEquals("3", registered.get("2026-05"));
        assertEquals("2", registered.get("2026-06"));
        assertEquals("2", registered.get("2026-11"));
        assertEquals(12, summary.path("series").path("months").size());
        assertEquals("UNSUPPRESSED", summary.path("series").path("disclosure").asText());
        long inSummary = 0;
        for (JsonNode r : summary.path("series").path("measures-series")) {
            inSummary += r.path("measure").asText().equals("carers.identify") ? 1 : 0;
        }
        assertEquals(12, inSummary);

        Path suppressed = tmp.resolve("suppressed");
        Screening.run(options(input, suppressed, FIRST, LAST, Disclosure.NHS_SDC), ruleSets, pathways, quiet(), false);
        Map<String, String> hidden = column(PublishedCsv.read(suppressed.resolve("measures-series.csv")), "carers.identify", "count");
        hidden.forEach((month, count) -> assertEquals(YearMonth.parse(month).isBefore(YearMonth.of(2026, 3)) ? "0" : "*", count, month));
        assertTrue(PublishedCsv.read(suppressed.resolve("measures-series.csv")).stream().allMatch(r -> r.get("disclosure").equals("suppressed")));
        String html = Files.readString(suppressed.resolve("report.html"));
        assertTrue(html.contains("KPI trends against the standard"), "the report has the trends section");
    }

    /**
     * A generated population: the cohort files equal a plain run as of the last month end, and one month's counts and
     * KPIs equal a plain run as of that month's end.
     */
    @Test
    void eachMonthEqualsAPlainRunAsOfItsEndAndTheCohortIsTheLastMonths() throws Exception {
        Path input = tmp.resolve("in");
        new PopulationGenerator(150, 11, MonthEnd.of(LAST), 6).write(input);
        YearMonth first = YearMonth.of(2026, 9);
        Path series = tmp.resolve("series");
        Screening.run(options(input, series, first, LAST, Disclosure.NONE), ruleSets, pathways, quiet(), false);
        Path plainLast = tmp.resolve("plain-last");
        Screening.run(plain(input, plainLast, MonthEnd.of(LAST)), ruleSets, pathways, quiet(), false);
        assertEquals(Files.readString(plainLast.resolve("cohort.csv")), Files.readString(series.resolve("cohort.csv")));
        assertEquals(Files.readString(plainLast.resolve("cohort.ndjson")), Files.readString(series.resolve("cohort.ndjson")));
        assertFalse(Files.readString(series.resolve("cohort.csv")).lines().skip(1).toList().isEmpty(), "the cohort has patients");

        YearMonth october = YearMonth.of(2026, 10);
        Path plainOctober = tmp.resolve("plain-october");
        JsonNode october0 = Screening.run(plain(input, plainOctober, MonthEnd.of(october)), ruleSets, pathways, quiet(), false);
        Map<String, Long> expectedCodes = new TreeMap<>();
        october0.path("perPcn").fields().forEachRemaining(pcn -> pcn.getValue().fields().forEachRemaining(c -> {
            if (!c.getKey().equals("patients") && !c.getKey().contains("/")) {
                expectedCodes.put(pcn.getKey() + " " + c.getKey(), c.getValue().asLong());
            }
        }));
        Map<String, Long> actualCodes = PublishedCsv.read(series.resolve("measures-series.csv")).stream()
                .filter(r -> r.get("month").equals("2026-10") && !r.get("measure").equals("registered") && !r.get("count").equals("0"))
                .collect(Collectors.toMap(r -> r.get("pcn") + " " + r.get("measure"), r -> Long.parseLong(r.get("count")), Long::sum, TreeMap::new));
        assertFalse(expectedCodes.isEmpty());
        assertEquals(expectedCodes, actualCodes);

        Map<String, String> expectedKpi = new TreeMap<>();
        for (Map<String, String> r : PublishedCsv.read(plainOctober.resolve("kpi-by-pcn.csv"))) {
            long met = Long.parseLong(r.get("met"));
            long decided = met + Long.parseLong(r.get("breached"));
            if (r.get("standard_step").equals("true") && decided > 0) {
                expectedKpi.put(r.get("pcn") + " " + r.get("pathway") + "/" + r.get("step"), met + "/" + decided);
            }
        }
        Map<String, String> actualKpi = new TreeMap<>();
        for (Map<String, String> r : PublishedCsv.read(series.resolve("kpi-series.csv"))) {
            if (r.get("month").equals("2026-10") && !r.get("decided").equals("0")) {
                actualKpi.put(r.get("pcn") + " " + r.get("pathway_step"), r.get("met") + "/" + r.get("decided"));
            }
        }
        assertFalse(expectedKpi.isEmpty(), "the population has decided time-standard steps");
        assertEquals(expectedKpi, actualKpi);
        JsonNode summary = new ObjectMapper().readTree(series.resolve("summary.json").toFile());
        assertEquals(3, summary.path("series").path("months").size());
    }

    /** {@code measure} column → {@code column} per month, for one measure of the (unknown) PCN. */
    private static Map<String, String> column(List<Map<String, String>> rows, String measure, String column) {
        return rows.stream().filter(r -> r.get("measure").equals(measure))
                .collect(Collectors.toMap(r -> r.get("month"), r -> r.get(column), (a, b) -> a + "+" + b, TreeMap::new));
    }

    private static Screening.Options options(Path input, Path out, YearMonth first, YearMonth last, Disclosure disclosure) {
        return Screening.Options.series(input, out, first, last, 4, 2, PatientKeyPolicy.realIds(), Optional.empty(), disclosure);
    }

    private static Screening.Options plain(Path input, Path out, Instant asOf) {
        return new Screening.Options(input, out, asOf, 4, 2, PatientKeyPolicy.realIds(), Optional.empty(), Disclosure.NONE);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
