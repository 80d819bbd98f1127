package org.waymark.screening.screen;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.time.EvaluationTime;

/**
 * Pass 2 of screening for one partition: groups its lines by patient, screens each patient ({@link PatientScreener}:
 * every active rule set and pathway, as the server does), and writes the partition's rows, KPI observations and
 * skipped lines, then a done marker.
 */
final class PartitionScreener {
    private final PatientScreener patients;

    PartitionScreener(List<CompiledRuleSet> ruleSets, Assessor assessor, EvaluationTime time, PatientKeyPolicy keys,
                      Map<String, String> pcnByPractice) {
        this.patients = new PatientScreener(ruleSets, assessor, time, keys, pcnByPractice);
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
        Map<String, List<PatientScreener.Line>> byPatient = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(Partitioner.partitionFile(workDir, p), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] origin = line.split("\t", 4);
                byPatient.computeIfAbsent(origin[2], k -> new ArrayList<>())
                        .add(new PatientScreener.Line(origin[0], Long.parseLong(origin[1]), origin[3]));
            }
        }
        List<PatientScreener.Outcome> outcomes = new ArrayList<>();
        for (List<PatientScreener.Line> lines : byPatient.values()) {
            PatientScreener.Outcome outcome = patients.screen(lines);
            outcomes.add(outcome);
            if (outcome.screened()) {
                patientsDone.incrementAndGet();
            }
        }
        PatientScreener.writePartition(workDir, p, outcomes);
    }
}
