package org.waymark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.screening.generate.PopulationGenerator;
import org.waymark.screening.screen.PatientKeyPolicy;
import org.waymark.screening.screen.PatientScreener;

/**
 * The per-patient step of screening ({@link PatientScreener#screen}: lines to facts, every active rule set and pathway,
 * a cohort row) over the first {@value #PATIENTS} patients of the generated population ({@code --seed 1}), grouped by
 * patient as pass 2 groups them. What a generated patient costs `waymark screen`, without its passes over files; each
 * line is handed over as its UTF-8 bytes, as pass 2 hands over what it read. For {@link PairedCpu}, run with
 * {@code -XX:TieredStopAtLevel=1} as `waymark screen` runs (JMH's defaults apply if JMH runs it).
 */
@State(Scope.Benchmark)
public class ScreeningBenchmark {
    static final int PATIENTS = 200;
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");

    private PatientScreener screener;
    private List<List<PatientScreener.Line>> patients;

    @Setup
    public void setUp() throws IOException {
        Path root = RepositoryRoot.root();
        screener = new PatientScreener(RuleSetRegistry.load(root.resolve("rules"), Map.of()).current().allActive(),
                new Assessor(new PathwayService(PathwayRegistry.load(root.resolve("pathways/definitions")))), EvaluationTime.of(AS_OF),
                PatientKeyPolicy.realIds(), Map.of());
        patients = generated();
    }

    /** The patients' lines in file then line order, grouped by patient; the generated files are removed again. */
    private static List<List<PatientScreener.Line>> generated() throws IOException {
        Path dir = Files.createTempDirectory("waymark-bench-screening");
        try {
            new PopulationGenerator(PATIENTS, 1, AS_OF, 10).write(dir);
            Map<String, List<PatientScreener.Line>> byPatient = new LinkedHashMap<>();
            List<Path> files;
            try (Stream<Path> listed = Files.list(dir)) {
                files = listed.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList();
            }
            for (Path f : files) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String json = lines.get(i);
                    String patient = PatientScreener.patientOf(json).orElseThrow(() -> new IllegalStateException("a generated line names no patient"));
                    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
                    byPatient.computeIfAbsent(patient, k -> new ArrayList<>())
                            .add(PatientScreener.Line.ofUtf8(f.getFileName().toString(), i + 1, utf8, 0, utf8.length));
                }
            }
            if (byPatient.size() != PATIENTS) {
                throw new IllegalStateException("expected " + PATIENTS + " patients, found " + byPatient.size());
            }
            return List.copyOf(byPatient.values());
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Screens every patient once; the count screened, so nothing is optimised away. */
    @Benchmark
    public int screenGenerated() {
        int screened = 0;
        for (List<PatientScreener.Line> lines : patients) {
            screened += screener.screen(lines).screened() ? 1 : 0;
        }
        return screened;
    }
}
