package org.waymark.screening.screen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.waymark.engine.assessment.Assessment;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.assessment.StepObservation;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.screening.screen.SpilledIndex.Spilled;

/**
 * Pass 2 of screening for one partition: indexes its lines by patient (origins and offsets only, not the JSON),
 * then reads one patient's lines at a time, turns them into facts ({@link PatientLines}), assesses each with every active rule set and pathway (the {@link Assessor}, as the server does), and writes
 * the partition's rows (patients sorted by key, so reruns give identical output), its KPI observations and its
 * skipped lines, then a done marker. Workers share the thread-safe KieBases. Practices named by reference are
 * attributed through the export's Organizations ({@link ReferenceDirectory}).
 */
final class PartitionScreener {
    /**
     * The most JSON one patient's record may have to be screened (a GP extract is well under 1 MiB): a larger one is
     * reported line by line and skipped, so no single record can exhaust a 1 GiB heap.
     */
    static final long MAX_RECORD = 32L << 20;
    private final List<CompiledRuleSet> ruleSets;
    private final Assessor assessor;
    private final EvaluationTime time;
    private final PatientKeyPolicy keys;
    private final Map<String, String> pcnByPractice;
    private final ReferenceDirectory references;
    private final PatientLines reader = new PatientLines();
    private final long maxRecord;
    /** KiB of record JSON being screened at once, across threads: two records of the largest size, or many ordinary ones. */
    private final Semaphore recordBudget;

    PartitionScreener(List<CompiledRuleSet> ruleSets, Assessor assessor, EvaluationTime time, PatientKeyPolicy keys,
                      Map<String, String> pcnByPractice, ReferenceDirectory references, long maxRecord) {
        this.ruleSets = List.copyOf(ruleSets);
        this.assessor = assessor;
        this.time = time;
        this.keys = keys;
        this.pcnByPractice = Map.copyOf(pcnByPractice);
        this.references = references;
        this.maxRecord = maxRecord;
        this.recordBudget = new Semaphore((int) Math.max(1, 2 * maxRecord >> 10));
    }

    static Path done(Path workDir, int p) {
        return workDir.resolve(String.format("part-%04d.done", p));
    }

    static Path rows(Path workDir, int p) {
        return workDir.resolve(String.format("part-%04d.rows.ndjson", p));
    }

    static Path kpi(Path workDir, int p) {
        return workDir.resolve(String.format("part-%04d.kpi.csv", p));
    }

    static Path skipped(Path workDir, int p) {
        return workDir.resolve(String.format("part-%04d.skipped.tsv", p));
    }

    void screen(Path workDir, int p, AtomicLong patientsDone) throws IOException, InterruptedException {
        Path file = Partitioner.partitionFile(workDir, p);
        List<List<Spilled>> patients = SpilledIndex.byPatient(file);
        TreeMap<String, CohortRow> rows = new TreeMap<>();
        List<KpiObservation> observations = new ArrayList<>();
        List<String> skippedLines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (List<Spilled> spilled : patients) {
                long bytes = spilled.stream().mapToLong(Spilled::length).sum();
                if (bytes > maxRecord) {
                    String limit = maxRecord >= 1 << 20 ? (maxRecord >> 20) + " MiB" : (maxRecord >> 10) + " KiB";
                    spilled.forEach(s -> skippedLines.add(s.file() + "\t" + s.line() + "\tpatient's record is larger than " + limit
                            + " of JSON: not screened"));
                    continue;
                }
                int permits = (int) Math.max(1, bytes >> 10);
                recordBudget.acquire(permits);
                try {
                    List<PatientLines.Line> lines = new ArrayList<>(spilled.size());
                    for (Spilled s : spilled) {
                        lines.add(new PatientLines.Line(s.file(), s.line(), s.read(channel)));
                    }
                    Optional<PatientRecord> record = reader.record(lines, time.instant(), skippedLines::add);
                    if (record.isPresent()) {
                        CohortRow row = assess(record.get(), observations);
                        rows.put(row.patient(), row);
                        patientsDone.incrementAndGet();
                    }
                } finally {
                    recordBudget.release(permits);
                }
            }
        }
        atomically(rows(workDir, p), out -> lines(out, rows.values().stream().map(CohortRow::toJson).toList()));
        atomically(kpi(workDir, p), out -> KpiObservation.write(out, observations));
        atomically(skipped(workDir, p), out -> lines(out, skippedLines));
        Files.writeString(done(workDir, p), "done\n");
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
        String practice = record.patient().practice().map(references::practice).orElse("");
        String pcn = pcnByPractice.containsKey(practice) ? pcnByPractice.get(practice) : references.pcn(practice).orElse("");
        return new CohortRow(keys.keyOf(record.patient()), practice, pcn,
                List.copyOf(assessment.codes()), List.copyOf(overdue));
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
