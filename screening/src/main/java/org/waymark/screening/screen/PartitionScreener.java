package org.waymark.screening.screen;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
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
import org.waymark.engine.evaluation.Evaluation;
import org.waymark.engine.evaluation.Evaluator;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.FactMapper;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordReader;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.pathways.evaluation.InstanceStatus;
import org.waymark.pathways.evaluation.PathwayCards;
import org.waymark.pathways.evaluation.PathwayInstance;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.pathways.evaluation.StepState;
import org.waymark.pathways.evaluation.StepStatus;

/**
 * Pass 2 of screening for one partition: groups its lines by patient, turns each patient's resources into
 * facts, evaluates every active rule set and pathway, and writes the partition's results (patients sorted by
 * key, so reruns give identical output), its KPI observations and its skipped lines, then a done marker.
 * Workers share the thread-safe KieBases; each has its own HAPI parser.
 */
final class PartitionScreener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<CompiledRuleSet> ruleSets;
    private final PathwayService pathways;
    private final EvaluationTime time;
    private final PatientKeyPolicy keys;
    private final Map<String, String> pcnByPractice;
    private final Evaluator evaluator = new Evaluator();
    private final ThreadLocal<IParser> parser = ThreadLocal.withInitial(RecordReader::parser);

    PartitionScreener(List<CompiledRuleSet> ruleSets, PathwayService pathways, EvaluationTime time, PatientKeyPolicy keys,
                      Map<String, String> pcnByPractice) {
        this.ruleSets = List.copyOf(ruleSets);
        this.pathways = pathways;
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
        return workDir.resolve(String.format("part-%04d.kpi.tsv", p));
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
        TreeMap<String, ObjectNode> rows = new TreeMap<>();
        List<String> kpiLines = new ArrayList<>();
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
            ObjectNode row = evaluate(record, kpiLines);
            rows.put(row.get("patient").asText(), row);
            patientsDone.incrementAndGet();
        }
        write(rows(workDir, p), rows.values().stream().map(ObjectNode::toString).toList());
        write(kpi(workDir, p), kpiLines);
        write(skipped(workDir, p), skippedLines);
        Files.writeString(done(workDir, p), "done\n");
    }

    private ObjectNode evaluate(PatientRecord record, List<String> kpiLines) {
        Evaluation evaluation = evaluator.evaluate(record, time, ruleSets);
        List<PathwayInstance> instances = pathways.instances(record, time);
        TreeSet<String> codes = new TreeSet<>(evaluation.codes());
        PathwayCards.recommendations(instances, time, record.patient().reference(), evaluation.codes(), PathwayCards.DUE_SOON)
                .forEach(r -> codes.add(r.code()));
        TreeSet<String> overdue = new TreeSet<>();
        for (PathwayInstance i : instances) {
            for (StepState s : i.steps()) {
                if (s.status() == StepStatus.OVERDUE && i.status() != InstanceStatus.CLOSED) {
                    overdue.add(i.pathway().id() + "/" + s.step().id());
                }
                if (s.status() != StepStatus.NOT_REQUIRED && s.status() != StepStatus.PENDING) {
                    kpiLines.add(i.pathway().id() + "\t" + s.step().id() + "\t" + s.step().id().equals(i.pathway().kpiStep()) + "\t"
                            + i.pathway().kpiTarget() + "\t" + (s.metStandard() ? "MET" : s.breached() ? "BREACHED" : "OPEN") + "\t"
                            + s.timeToDone().map(d -> Long.toString(d.getSeconds())).orElse("-"));
                }
            }
        }
        ObjectNode row = JSON.createObjectNode();
        row.put("patient", keys.keyOf(record.patient()));
        String practice = record.patient().practice().orElse("");
        row.put("practice", practice);
        row.put("pcn", pcnByPractice.getOrDefault(practice, ""));
        ArrayNode c = row.putArray("recommendations");
        codes.forEach(c::add);
        ArrayNode o = row.putArray("overdueSteps");
        overdue.forEach(o::add);
        return row;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\t', ' ');
    }

    /** Writes through a temporary file, so a partition's results are either whole or absent. */
    private static void write(Path file, List<String> lines) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
