package org.waymark.screening.screen;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.waymark.engine.assessment.StepObservation;
import org.waymark.pathways.kpi.PathwayKpi;

/**
 * One pathway step's time-standard outcome for one patient of a PCN, kept per partition until the merge counts the KPIs. Its
 * one codec is the CSV (with a header) of {@link #write} and {@link #read}; {@code secondsToDone} is empty when the
 * step is not done.
 */
record KpiObservation(String pathway, String step, boolean kpiStep, double target, StepObservation.Standard standard, Long secondsToDone,
                      String pcn) implements Serializable {
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.EMPTY_STRING_AS_NULL).build();
    private static final CsvSchema SCHEMA = CSV.schemaFor(KpiObservation.class).withHeader();

    KpiObservation {
        Objects.requireNonNull(pathway, "pathway");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(standard, "standard");
        pcn = Objects.requireNonNullElse(pcn, "");
    }

    /** The step's outcome for a patient of {@code pcn}, when the KPIs count it: not when it is pending or not required. */
    static Optional<KpiObservation> of(StepObservation s, String pcn) {
        if (s.state().equals("pending") || s.state().equals("not-required")) {
            return Optional.empty();
        }
        return Optional.of(new KpiObservation(s.pathway(), s.step(), s.kpiStep(), s.kpiTarget(), s.standard(),
                s.timeToDone().map(Duration::getSeconds).orElse(null), pcn));
    }

    void addTo(PathwayKpi kpi) {
        kpi.add(pathway, step, kpiStep, target, PathwayKpi.Outcome.valueOf(standard.name()),
                Optional.ofNullable(secondsToDone).map(Duration::ofSeconds));
    }

    static void write(Writer out, List<KpiObservation> observations) throws IOException {
        ObjectWriter writer = CSV.writer(SCHEMA);
        writer.writeValues(out).writeAll(observations).close();
    }

    static List<KpiObservation> read(Reader in) throws IOException {
        try (MappingIterator<KpiObservation> it = CSV.readerFor(KpiObservation.class).with(SCHEMA).readValues(in)) {
            return it.readAll();
        }
    }
}
