package org.waymark.screening.screen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.waymark.pathways.kpi.PathwayKpi;
import org.waymark.screening.measures.Dimension;
import org.waymark.screening.measures.MonthlySeries;
import org.waymark.screening.measures.PopulationMeasures;
import org.waymark.screening.measures.ScreenedPatient;
import org.waymark.screening.measures.StepOutcome;
import org.waymark.screening.report.Publication;

/**
 * The merge's last step: counts the KPI observations the merge reads into the population measures, to which each
 * partition's {@link CohortCounts} add the patient counts, and publishes them (CSVs, the summary's {@code measures}, {@code report.html})
 * under the run's disclosure control, with the monthly series when the run has one. Kept apart from the merge so the
 * measures see only the merged counts, not how partitions are made.
 */
final class MeasuresStep {
    private final PopulationMeasures measures;

    /** Publishes {@code measures}, to which the merge adds the patient counts. */
    MeasuresStep(PopulationMeasures measures) {
        this.measures = measures;
    }

    void add(KpiObservation k) {
        measures.add(outcome(k));
    }

    void publish(Screening.Options o, Path work, ObjectNode summary) throws IOException {
        MonthlySeries series = new MonthlySeries(o.series());
        if (!o.series().isEmpty()) {
            for (int p = 0; p < o.partitions(); p++) {
                try (BufferedReader in = Files.newBufferedReader(PartFile.SERIES.of(work, p), StandardCharsets.UTF_8)) {
                    series.read(in);
                }
            }
        }
        Publication.write(o.out(), measures, series, o.disclosure(), o.asOf().toString(), summary);
    }

    static ScreenedPatient patient(CohortRow row) {
        Map<Dimension, String> strata = new EnumMap<>(Dimension.class);
        strata.put(Dimension.AGE_BAND, row.ageBand());
        strata.put(Dimension.SEX, row.sex());
        // Unknown deprivation or ethnicity is left out, so a run without that data shows no such breakdown.
        if (!row.deprivationDecile().isEmpty()) {
            strata.put(Dimension.DEPRIVATION_DECILE, row.deprivationDecile());
        }
        if (!row.ethnicGroup().isEmpty()) {
            strata.put(Dimension.ETHNIC_GROUP, row.ethnicGroup());
        }
        return new ScreenedPatient(row.practice(), row.pcn(), strata, row.recommendations(), row.overdueSteps());
    }

    static StepOutcome outcome(KpiObservation k) {
        return new StepOutcome(k.pcn(), k.pathway(), k.step(), k.kpiStep(), k.target(), PathwayKpi.Outcome.valueOf(k.standard().name()),
                Optional.ofNullable(k.secondsToDone()).map(java.time.Duration::ofSeconds));
    }
}
