package org.waymark.screening.screen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.waymark.screening.measures.AgeBand;

/**
 * One screened patient: its key, practice, PCN, age band, sex, deprivation decile and ethnic group (for the measures'
 * breakdowns; the last two empty when unknown, never the postcode itself), recommendation codes and overdue pathway steps. Its one codec is the
 * NDJSON line ({@link #toJson()}) of {@code cohort.ndjson}, which each partition's writer writes for its flagged rows;
 * {@link CohortCsv} writes the same row to {@code cohort.csv}. Serializable, in a {@link PatientScreener.Outcome}.
 */
record CohortRow(String patient, String practice, String pcn, String ageBand, String sex, String deprivationDecile,
                 String ethnicGroup, List<String> recommendations,
                 List<String> overdueSteps) implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bound to the type once, so each row's write skips the mapper's per-call serializer look-up. */
    private static final ObjectWriter WRITER = JSON.writerFor(CohortRow.class);

    CohortRow {
        Objects.requireNonNull(patient, "patient");
        practice = Objects.requireNonNullElse(practice, "");
        pcn = Objects.requireNonNullElse(pcn, "");
        ageBand = Objects.requireNonNullElse(ageBand, AgeBand.UNKNOWN);
        sex = Objects.requireNonNullElse(sex, "unknown");
        deprivationDecile = Objects.requireNonNullElse(deprivationDecile, "");
        ethnicGroup = Objects.requireNonNullElse(ethnicGroup, "");
        recommendations = List.copyOf(recommendations);
        overdueSteps = List.copyOf(overdueSteps);
    }

    /** Whether the patient has anything to act on, and so appears in the cohort files. */
    boolean flagged() {
        return !recommendations.isEmpty() || !overdueSteps.isEmpty();
    }

    String toJson() {
        try {
            return WRITER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
