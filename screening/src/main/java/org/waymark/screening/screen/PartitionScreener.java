package org.waymark.screening.screen;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
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
import org.waymark.screening.measures.AgeBand;

/**
 * Pass 2 of screening for one partition: groups its lines by patient, turns each patient's resources into
 * facts, assesses each with every active rule set and pathway (the {@link Assessor}, as the server does), and writes
 * the partition's rows (patients sorted by key, so reruns give identical output), its KPI observations and its
 * skipped lines, then a done marker. Workers share the thread-safe KieBases; each has its own HAPI parser.
 */
final class PartitionScreener {
    private final List<CompiledRuleSet> ruleSets;
    private final Assessor assessor;
    private final EvaluationTime time;
    private final PatientKeyPolicy keys;
    private final Map<String, String> pcnByPractice;
    private final ThreadLocal<IParser> parser = ThreadLocal.withInitial(RecordReader::parser);

    PartitionScreener(List<CompiledRuleSet> ruleSets, Assessor assessor, EvaluationTime time, PatientKeyPolicy keys,
                      Map<String, String> pcnByPractice) {
        this.ruleSets = List.copyOf(ruleSets);
        this.assessor = assessor;
        this.time = time;
        this.keys = keys;
        this.pcnByPractice = Map.copyOf(pcnByPractice);
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

    void screen(Path workDir, int p, AtomicLong patientsDone) throws IOException {
        Map<String, List<String[]>> byPatient = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(Partitioner.partitionFile(workDir, p), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] origin = line.split("\t", 4);
                byPatient.computeIfAbsent(origin[2], k -> new ArrayList<>()).add(origin);
            }
        }
        TreeMap<String, CohortRow> rows = new TreeMap<>();
        List<KpiObservation> observations = new ArrayList<>();
        List<String> skippedLines = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : byPatient.entrySet()) {
            List<Resource> resources = new ArrayList<>();
            for (String[] origin : e.getValue()) {
                try {
                    resources.add((Resource) parser.get().parseResource(origin[3]));
                } catch (DataFormatException | ClassCastException ex) {
                    skippedLines.add(origin[0] + "\t" + origin[1] + "\tnot valid FHIR R4: " + oneLine(ex.getMessage()));
                }
            }
            PatientRecord record;
            try {
                record = FactMapper.toRecord(resources, time.instant());
            } catch (RecordException ex) {
                // Every line of the patient is reported, so the skipped count counts lines, not patients.
                for (String[] origin : e.getValue()) {
                    skippedLines.add(origin[0] + "\t" + origin[1] + "\tpatient's record not screened: " + oneLine(ex.getMessage()));
                }
                continue;
            }
            CohortRow row = assess(record, observations);
            rows.put(row.patient(), row);
            patientsDone.incrementAndGet();
        }
        atomically(rows(workDir, p), out -> lines(out, rows.values().stream().map(CohortRow::toJson).toList()));
        atomically(kpi(workDir, p), out -> KpiObservation.write(out, observations));
        atomically(skipped(workDir, p), out -> lines(out, skippedLines));
        Files.writeString(done(workDir, p), "done\n");
    }

    private CohortRow assess(PatientRecord record, List<KpiObservation> observations) {
        Assessment assessment = assessor.assess(AssessmentRequest.everything(record, time, ruleSets));
        TreeSet<String> overdue = new TreeSet<>();
        String practice = record.patient().practice().orElse("");
        String pcn = pcnByPractice.getOrDefault(practice, "");
        for (StepObservation s : assessment.pathwaySteps()) {
            if (s.state().equals("overdue") && !s.instanceState().equals("closed")) {
                overdue.add(s.pathway() + "/" + s.step());
            }
            KpiObservation.of(s, pcn).ifPresent(observations::add);
        }
        return new CohortRow(keys.keyOf(record.patient()), practice, pcn, AgeBand.of(record.patient().ageYears()), record.patient().sex(),
                List.copyOf(assessment.codes()), List.copyOf(overdue));
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
