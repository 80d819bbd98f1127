package org.waymark.screening.screen;

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
import org.waymark.engine.assessment.Assessment;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.assessment.StepObservation;
import org.waymark.engine.facts.Patient;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.screening.measures.AgeBand;

/**
 * The per-patient step of screening, the same for {@code waymark screen} and for callers that group the records
 * themselves (the Spark job): one patient's lines → facts ({@link PatientLines}, the streaming reader) → every active
 * rule set and pathway (the {@link Assessor}, as the server does) → a cohort row and KPI observations. {@link #writePartition} writes a group of
 * outcomes as the partition work files the merge reads. Thread-safe: workers share the KieBases.
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

        /** A patient not screened at all, with the reason for each of its lines. */
        static Outcome skipped(List<String> lines) {
            return new Outcome(null, List.of(), lines);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<CompiledRuleSet> ruleSets;
    private final Assessor assessor;
    private final EvaluationTime time;
    private final PatientKeyPolicy keys;
    private final Map<String, String> pcnByPractice;
    private final ReferenceDirectory references;
    private final DeprivationMap deprivation;

    /** For callers without the export's reference resources (the Spark job): practices are attributed as the record names them. */
    public PatientScreener(List<CompiledRuleSet> ruleSets, Assessor assessor, EvaluationTime time, PatientKeyPolicy keys,
                           Map<String, String> pcnByPractice) {
        this(ruleSets, assessor, time, keys, pcnByPractice, new ReferenceDirectory());
    }

    PatientScreener(List<CompiledRuleSet> ruleSets, Assessor assessor, EvaluationTime time, PatientKeyPolicy keys,
                    Map<String, String> pcnByPractice, ReferenceDirectory references) {
        this(ruleSets, assessor, time, keys, pcnByPractice, references, DeprivationMap.NONE);
    }

    private PatientScreener(List<CompiledRuleSet> ruleSets, Assessor assessor, EvaluationTime time, PatientKeyPolicy keys,
                            Map<String, String> pcnByPractice, ReferenceDirectory references, DeprivationMap deprivation) {
        this.deprivation = Objects.requireNonNull(deprivation, "deprivation");
        this.ruleSets = List.copyOf(ruleSets);
        this.assessor = Objects.requireNonNull(assessor, "assessor");
        this.time = Objects.requireNonNull(time, "time");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.pcnByPractice = Map.copyOf(pcnByPractice);
        this.references = Objects.requireNonNull(references, "references");
    }

    /** This screener, filling each row's deprivation decile from the patient's postcode by {@code map}. */
    public PatientScreener withDeprivation(DeprivationMap map) {
        return new PatientScreener(ruleSets, assessor, time, keys, pcnByPractice, references, map);
    }

    /** Screens one patient from all its lines (in input order). */
    public Outcome screen(List<Line> lines) {
        List<String> skipped = new ArrayList<>();
        Optional<PatientRecord> record = PatientLines.record(lines, time.instant(), skipped::add);
        if (record.isEmpty()) {
            return new Outcome(null, List.of(), skipped);
        }
        List<KpiObservation> observations = new ArrayList<>();
        return new Outcome(assess(record.get(), observations), observations, skipped);
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
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            Partitioner.Peek peek = Partitioner.peek(bytes, 0, bytes.length);
            return peek.patient() != null ? new Found(peek.patient(), null) : new Found(null, peek.type() + " is not read by the rules");
        } catch (JsonProcessingException e) {
            return new Found(null, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Found(null, "not readable: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return new Found(null, e.getMessage());
        }
    }

    private CohortRow assess(PatientRecord record, List<KpiObservation> observations) {
        Assessment assessment = assessor.assess(AssessmentRequest.everything(record, time, ruleSets));
        TreeSet<String> overdue = new TreeSet<>();
        String practice = record.patient().practice().map(references::practice).orElse("");
        String pcn = pcnByPractice.containsKey(practice) ? pcnByPractice.get(practice) : references.pcn(practice).orElse("");
        for (StepObservation s : assessment.pathwaySteps()) {
            if (s.state().equals("overdue") && !s.instanceState().equals("closed")) {
                overdue.add(s.pathway() + "/" + s.step());
            }
            KpiObservation.of(s, pcn).ifPresent(observations::add);
        }
        Patient patient = record.patient();
        String decile = patient.postcode().flatMap(deprivation::decile).map(String::valueOf).orElse("");
        return new CohortRow(keys.keyOf(patient), practice, pcn, AgeBand.of(patient.ageYears()), patient.sex(), decile, patient.ethnicGroup().orElse(""),
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
