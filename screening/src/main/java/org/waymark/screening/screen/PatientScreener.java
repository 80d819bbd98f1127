package org.waymark.screening.screen;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.YearMonth;
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
import org.waymark.screening.measures.MonthlySeries;
import org.waymark.screening.measures.PopulationMeasures;

/**
 * The per-patient step of screening, the same for {@code waymark screen} and for callers that group the records
 * themselves (the Spark job): one patient's lines → facts ({@link PatientLines}, the streaming reader) → every active
 * rule set and pathway (the {@link Assessor}, as the server does) → a cohort row and KPI observations; for a monthly
 * series, {@link #screen(List, List)} reads the lines once and assesses them at each month end. {@link #writePartition} writes a group of
 * outcomes as the partition work files the merge reads. Thread-safe: workers share the KieBases.
 */
public final class PatientScreener {
    /**
     * One input line of a patient: its file, its line number there, and the resource's JSON, as text or, from
     * {@code waymark screen}'s pass 2, as the UTF-8 bytes read from its input file or partition (parsed as they are, without
     * decoding them into text first).
     */
    public static final class Line implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String file;
        private final long line;
        /** Exactly one of the two is set. */
        private final String json;
        private final byte[] utf8;
        /** Where the line lies in {@code utf8}. */
        private final int offset;
        private final int length;

        public Line(String file, long line, String json) {
            this(file, line, Objects.requireNonNull(json, "json"), null, 0, 0);
        }

        private Line(String file, long line, String json, byte[] utf8, int offset, int length) {
            this.file = Objects.requireNonNull(file, "file");
            this.line = line;
            this.json = json;
            this.utf8 = utf8;
            this.offset = offset;
            this.length = length;
        }

        /**
         * A line as read from a file: {@code utf8[offset, offset + length)}, kept, not copied. Lines of one patient may share
         * one buffer (a span of an input file, or a partition's data file read whole, {@link PartitionIndex#read}), with
         * other lines between them.
         */
        public static Line ofUtf8(String file, long line, byte[] utf8, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(utf8, "utf8").length);
            return new Line(file, line, null, utf8, offset, length);
        }

        public String file() {
            return file;
        }

        public long line() {
            return line;
        }

        public String json() {
            return json != null ? json : new String(utf8, offset, length, StandardCharsets.UTF_8);
        }

        /** The buffer holding the line's UTF-8 bytes when it was read as bytes, else null. */
        byte[] utf8() {
            return utf8;
        }

        /** Where the line starts in {@link #utf8()}. */
        int offset() {
            return offset;
        }

        /** The line's length in bytes in {@link #utf8()}. */
        int length() {
            return length;
        }
    }

    /**
     * One patient's result, to hand to {@link #writePartition}: its cohort row ({@code null} when the record could not
     * be screened), its KPI observations and its skipped lines. Serializable, so a cluster can ship it to the writer.
     */
    public static final class Outcome implements Serializable {
        private static final long serialVersionUID = 3L;
        private final CohortRow row;
        private final List<KpiObservation> observations;
        private final List<String> skipped;
        /** For the monthly series: whether the patient was alive (and born) at the instant. */
        private final boolean registered;

        private Outcome(CohortRow row, boolean registered, List<KpiObservation> observations, List<String> skipped) {
            this.row = row;
            this.registered = registered;
            this.observations = List.copyOf(observations);
            this.skipped = List.copyOf(skipped);
        }

        public boolean screened() {
            return row != null;
        }

        /** A patient not screened at all, with the reason for each of its lines. */
        static Outcome skipped(List<String> lines) {
            return new Outcome(null, false, List.of(), lines);
        }

        /** Counts this outcome, an evaluation as of {@code month}'s end, into the series. */
        void countInto(MonthlySeries series, YearMonth month) {
            if (row == null) {
                return;
            }
            String pcn = row.pcn();
            if (registered) {
                series.registered(month, pcn);
            }
            row.recommendations().forEach(c -> series.recommendation(month, pcn, c));
            for (KpiObservation k : observations) {
                if (k.kpiStep() && k.standard() != StepObservation.Standard.OPEN) {
                    series.kpi(month, pcn, k.pathway() + "/" + k.step(), k.target(), k.standard() == StepObservation.Standard.MET);
                }
            }
        }
    }

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
        return outcome(record, time, skipped);
    }

    /**
     * Screens one patient as of each of {@code instants}, one outcome per instant in their order: the lines are read
     * once, and the record is assembled and assessed at each instant (nothing dated after it counts). A line that is
     * not valid FHIR is reported in every outcome.
     */
    public List<Outcome> screen(List<Line> lines, List<Instant> instants) {
        List<String> unreadable = new ArrayList<>();
        PatientLines.Parts parts = PatientLines.parts(lines, unreadable::add);
        List<Outcome> outcomes = new ArrayList<>(instants.size());
        for (Instant at : instants) {
            List<String> skipped = new ArrayList<>(unreadable);
            outcomes.add(outcome(PatientLines.record(parts, at, skipped::add), EvaluationTime.of(at), skipped));
        }
        return outcomes;
    }

    private Outcome outcome(Optional<PatientRecord> record, EvaluationTime at, List<String> skipped) {
        if (record.isEmpty()) {
            return Outcome.skipped(skipped);
        }
        List<KpiObservation> observations = new ArrayList<>();
        CohortRow row = assess(record.get(), at, observations);
        return new Outcome(row, registered(record.get().patient(), at), observations, skipped);
    }

    /**
     * Alive and born as of {@code at}: the series' registered population (a death dated after {@code at} does not count yet).
     * Born by the as-of date in England is born by the instant: that day starts at or before it.
     */
    private static boolean registered(Patient patient, EvaluationTime at) {
        return patient.alive() && patient.birthDate().map(b -> !b.isAfter(at.date())).orElse(true);
    }

    /**
     * The patient a line belongs to, found as pass 1 finds it; empty when the line is skipped (see {@link #unkeyed}). A
     * line is read only as far as its patient: one that is not JSON further on belongs to that patient, and
     * {@link #screen} reports it.
     */
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
        return Outcome.skipped(skipped);
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

    private CohortRow assess(PatientRecord record, EvaluationTime at, List<KpiObservation> observations) {
        Assessment assessment = assessor.assess(AssessmentRequest.everything(record, at, ruleSets));
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
     * Writes partition {@code p}'s work files from its patients' outcomes, each whole or absent, then the done marker:
     * the flagged rows as their cohort NDJSON and CSV lines, sorted by patient key (so reruns give identical output),
     * the counts of all its rows ({@link CohortCounts}), the KPI observations and the skipped lines. The merge then
     * appends and adds them without reading any row back.
     */
    public static void writePartition(Path workDir, int p, List<Outcome> outcomes) throws IOException {
        List<CohortRow> rows = outcomes.stream().filter(Outcome::screened).map(o -> o.row).sorted(Comparator.comparing(CohortRow::patient)).toList();
        CohortCounts counts = new CohortCounts(new PopulationMeasures());
        rows.forEach(counts::add);
        List<CohortRow> flagged = rows.stream().filter(CohortRow::flagged).toList();
        List<KpiObservation> observations = outcomes.stream().flatMap(o -> o.observations.stream()).toList();
        List<String> skipped = outcomes.stream().flatMap(o -> o.skipped.stream()).toList();
        atomically(PartFile.COHORT_NDJSON.of(workDir, p), out -> lines(out, flagged.stream().map(CohortRow::toJson).toList()));
        atomically(PartFile.COHORT_CSV.of(workDir, p), out -> CohortCsv.write(out, flagged));
        atomically(PartFile.COUNTS.of(workDir, p), counts::write);
        atomically(PartFile.KPI.of(workDir, p), out -> KpiObservation.write(out, observations));
        atomically(PartFile.SKIPPED.of(workDir, p), out -> lines(out, skipped));
        Files.writeString(PartFile.DONE.of(workDir, p), "done\n");
    }

    @FunctionalInterface
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes through a temporary file, so a partition's results are either whole or absent. */
    static void atomically(Path file, Content content) throws IOException {
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
