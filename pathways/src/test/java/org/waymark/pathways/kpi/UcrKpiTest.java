package org.waymark.pathways.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.waymark.engine.facts.Coding;
import org.waymark.engine.facts.Encounter;
import org.waymark.engine.facts.Patient;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.facts.RecordEntry;
import org.waymark.engine.facts.Referral;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.engine.valueset.RecordCodes;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayDefinition;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayEvaluator;

/** Ten UCR referrals with known response times give the exact share within 2 hours. */
class UcrKpiTest {
    private static final String LOCAL = "https://waymark.example/fhir/CodeSystem/local";
    private static final int[] RESPONSE_MINUTES = {30, 60, 90, 119, 120, 121, 150, 200, 45, 240};

    @Test
    void shareWithinTwoHoursAndMedianAreExact() {
        PathwayDefinition ucr = PathwayRegistry.load(RepositoryRoot.pathwayDefinitions()).active().stream()
                .filter(p -> p.id().equals("urgent-community-response")).findFirst().orElseThrow();
        EvaluationTime asOf = EvaluationTime.of(Instant.parse("2026-11-30T12:00:00Z"));
        PathwayKpi kpi = new PathwayKpi();
        for (int i = 0; i < RESPONSE_MINUTES.length; i++) {
            // Referrals at 10:00 on successive days, inside service hours, one patient each.
            Instant referred = Instant.parse("2026-11-" + (10 + i) + "T10:00:00Z");
            List<RecordEntry> entries = new ArrayList<>();
            entries.add(new Referral("ServiceRequest/r" + i, List.of(new Coding(LOCAL, "ucr-referral", "UCR referral")), Set.of(),
                    Optional.of(referred), false, "active", "urgent"));
            entries.add(new Encounter("Encounter/e" + i, List.of(new Coding(LOCAL, "ucr-first-contact", "First contact")), Set.of(),
                    Optional.of(referred.plus(Duration.ofMinutes(RESPONSE_MINUTES[i]))), false, Optional.empty(), "HH", false));
            Patient patient = new Patient("Patient/p" + i, Optional.empty(), false, Optional.empty(), 80, "female", false,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            PatientRecord record = new PatientRecord(patient, entries);
            kpi.add(new PathwayEvaluator().evaluate(ucr, record, RecordCodes.of(record), asOf));
        }
        StepKpi firstContact = kpi.results().stream().filter(k -> k.step().equals("first-contact")).findFirst().orElseThrow();
        assertEquals(10, firstContact.instances());
        assertEquals(6, firstContact.met());
        assertEquals(4, firstContact.breached());
        assertEquals(0.6, firstContact.shareMet().orElseThrow(), 1e-12);
        assertEquals(0.70, firstContact.target(), 1e-12);
        assertEquals(Duration.ofSeconds(119 * 60 + 30), firstContact.medianTimeToStep().orElseThrow());
    }
}
