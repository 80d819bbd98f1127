package org.waymark.screening.screen;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Resource;
import org.waymark.engine.assessment.Assessment;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.assessment.StepObservation;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.FactMapper;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordReader;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.time.EvaluationTime;

/**
 * The per-patient step of screening, the same for {@code waymark screen} and for callers that group the records
 * themselves (the Spark job): one patient's lines → FHIR resources → facts → every active rule set and pathway (the
 * {@link Assessor}, as the server does) → a cohort row and KPI observations. {@link #writePartition} writes a group of
 * outcomes as the partition work files the merge reads. Thread-safe: workers share the KieBases; each thread has its
 * own HAPI parser.
 */
public final class PatientScreener {
    /** One input line of a patient: its file, its line number there, and the resource's JSON. */
    public record Line(String file, long line, String json) implements Serializable {
        public Line {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(json, "json");
        }
    }

    /**
     * One patient's result, to hand to {@link #writePartition}: its key and row as the rows file holds it ({@code null}
     * when the record could not be screened), its KPI observations and its skipped lines. Serializable, so a cluster
     * can ship it to the writer.
     */
    public static final class Outcome implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String patient;
        private final String row;
        private final List<KpiObservation> observations;
        private final List<String> skipped;

        private Outcome(CohortRow row, List<KpiObservation> observations, List<String> skipped) {
            this.patient = row == null ? null : row.patient();
            this.row = row == null ? null : row.toJson();
            this.observations = List.copyOf(observations);
            this.skipped = List.copyOf(skipped);
        }

        public boolean screened() {
            return row != null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<CompiledRuleSet> ruleSets;
    private final Assessor assessor;
    private final EvaluationTime time;
    private final PatientKeyPolicy keys;
    private final Map<String, String> pcnByPractice;
    private final ThreadLocal<IParser> parser = ThreadLocal.withInitial(RecordReader::parser);

    public PatientScreener(List<CompiledRuleSet> ruleSets, Assessor assessor, EvaluationTime time, PatientKeyPolicy keys,
                           Map<String, String> pcnByPractice) {
        this.ruleSets = List.copyOf(ruleSets);
        this.assessor = Objects.requireNonNull(assessor, "assessor");
        this.time = Objects.requireNonNull(time, "time");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.pcnByPractice = Map.copyOf(pcnByPractice);
    }

    /** Screens one patient from all its lines (in input order). */
    public Outcome screen(List<Line> lines) {
        List<Resource> resources = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Line l : lines) {
            try {
                resources.add((Resource) parser.get().parseResource(l.json()));
            } catch (DataFormatException | ClassCastException ex) {
                skipped.add(l.file() + "\t" + l.line() + "\tnot valid FHIR R4: " + oneLine(ex.getMessage()));
            }
        }
        PatientRecord record;
        try {
            record = FactMapper.toRecord(resources, time.instant());
        } catch (RecordException ex) {
            // Every line of the patient is reported, so the skipped count counts lines, not patients.
            for (Line l : lines) {
                skipped.add(l.file() + "\t" + l.line() + "\tpatient's record not screened: " + oneLine(ex.getMessage()));
            }
            return new Outcome(null, List.of(), skipped);
        }
        List<KpiObservation> observations = new ArrayList<>();
        return new Outcome(assess(record, observations), observations, skipped);
    }

    /** The patient a line belongs to, found as pass 1 finds it; empty when the line is skipped (see {@link #unkeyed}). */
    public static Optional<String> patientOf(String json) {
        return Optional.ofNullable(find(json).patient());
    }

    /** The outcome of lines that name no patient: each skipped with the reason pass 1 gives. */
    public static Outcome unkeyed(List<Line> lines) {
        List<String> skipped = new ArrayList<>();
        for (Line l : lines) {
            Found found = find(l.json());
            if (found.patient() != null) {
                throw new IllegalArgumentException("line " + l.line() + " of " + l.file() + " names a patient");
            }
            skipped.add(l.file() + "\t" + l.line() + "\t" + found.reason());
        }
        return new Outcome(null, List.of(), skipped);
    }

    /** A line's patient, or why it has none. */
    private record Found(String patient, String reason) {
    }

    private static Found find(String json) {
        try {
            return new Found(Partitioner.patientOf(JSON.readTree(json)), null);
        } catch (JsonProcessingException e) {
            return new Found(null, "not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return new Found(null, e.getMessage());
        }
    }

    private CohortRow assess(PatientRecord record, List<KpiObservation> observations) {
        Assessment assessment = assessor.assess(AssessmentRequest.everything(record, time, ruleSets));
        TreeSet<String> overdue = new TreeSet<>();
        for (StepObservation s : assessment.pathwaySteps()) {
            if (s.state().equals("overdue") && !s.instanceState().equals("closed")) {
                overdue.add(s.pathway() + "/" + s.step());
            }
            KpiObservation.of(s).ifPresent(observations::add);
        }
        String practice = record.patient().practice().orElse("");
        return new CohortRow(keys.keyOf(record.patient()), practice, pcnByPractice.getOrDefault(practice, ""),
                List.copyOf(assessment.codes()), List.copyOf(overdue));
    }

    /**
     * Writes partition {@code p}'s work files from its patients' outcomes: the rows sorted by patient key (so reruns
     * give identical output), the KPI observations and the skipped lines, each whole or absent, then the done marker.
     */
    public static void writePartition(Path workDir, int p, List<Outcome> outcomes) throws IOException {
        List<String> rows = outcomes.stream().filter(Outcome::screened).sorted(Comparator.comparing((Outcome o) -> o.patient))
                .map(o -> o.row).toList();
        List<KpiObservation> observations = outcomes.stream().flatMap(o -> o.observations.stream()).toList();
        List<String> skipped = outcomes.stream().flatMap(o -> o.skipped.stream()).toList();
        atomically(PartitionScreener.rows(workDir, p), out -> lines(out, rows));
        atomically(PartitionScreener.kpi(workDir, p), out -> KpiObservation.write(out, observations));
        atomically(PartitionScreener.skipped(workDir, p), out -> lines(out, skipped));
        Files.writeString(PartitionScreener.done(workDir, p), "done\n");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\t', ' ');
    }

    @FunctionalInterface
    private interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes through a temporary file, so a partition's results are either whole or absent. */
    private static void atomically(Path file, Content content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            content.writeTo(w);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void lines(Writer out, List<String> lines) throws IOException {
        for (String l : lines) {
            out.write(l);
            out.write('\n');
        }
    }
}
