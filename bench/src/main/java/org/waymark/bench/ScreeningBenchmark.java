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
 * a cohort row) over the first {@value #PATIENTS} patients of the generated population ({@code --seed 1}), or the first
 * {@value #REALISTIC_PATIENTS} of the realistic one ({@link #screenRealistic}, about 230 KB each), grouped by patient as
 * pass 2 groups them. What a patient costs `waymark screen`, without its passes over files; each line is handed over as
 * its UTF-8 bytes, as pass 2 hands over what it read. For {@link PairedCpu}, run with {@code -XX:TieredStopAtLevel=1} as
 * `waymark screen` runs (JMH's defaults apply if JMH runs it).
 */
@State(Scope.Benchmark)
public class ScreeningBenchmark {
    static final int PATIENTS = 200;
    static final int REALISTIC_PATIENTS = 20;
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");

    private PatientScreener screener;
    private List<List<PatientScreener.Line>> patients;
    private List<List<PatientScreener.Line>> realistic;

    @Setup
    public void setUp() throws IOException {
        Path root = RepositoryRoot.root();
        screener = new PatientScreener(RuleSetRegistry.load(root.resolve("rules"), Map.of()).current().allActive(),
                new Assessor(new PathwayService(PathwayRegistry.load(root.resolve("pathways/definitions")))), EvaluationTime.of(AS_OF),
                PatientKeyPolicy.realIds(), Map.of());
        patients = generated(PATIENTS, PopulationGenerator.Profile.GENERATED);
        realistic = generated(REALISTIC_PATIENTS, PopulationGenerator.Profile.REALISTIC);
    }

    /** The patients' lines in file then line order, grouped by patient; the generated files are removed again. */
    private static List<List<PatientScreener.Line>> generated(int count, PopulationGenerator.Profile profile) throws IOException {
        Path dir = Files.createTempDirectory("waymark-bench-screening");
        try {
            new PopulationGenerator(count, 1, AS_OF, 10, profile).write(dir);
            Map<String, List<PatientScreener.Line>> byPatient = new LinkedHashMap<>();
            List<Path> files;
            try (Stream<Path> listed = Files.list(dir)) {
                files = listed.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList();
            }
            for (Path f : files) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String json = lines.get(i);
                    // The realistic profile's Organization, Practitioner and Location lines name no patient (pass 1 keeps them apart).
                    String patient = PatientScreener.patientOf(json).orElse(null);
                    if (patient == null && profile == PopulationGenerator.Profile.REALISTIC) {
                        continue;
                    }
                    if (patient == null) {
                        throw new IllegalStateException("a generated line names no patient");
                    }
                    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
                    byPatient.computeIfAbsent(patient, k -> new ArrayList<>())
                            .add(PatientScreener.Line.ofUtf8(f.getFileName().toString(), i + 1, utf8, 0, utf8.length));
                }
            }
            if (byPatient.size() != count) {
                throw new IllegalStateException("expected " + count + " patients, found " + byPatient.size());
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
        return screen(patients);
    }

    /** Screens every realistic patient once. */
    @Benchmark
    public int screenRealistic() {
        return screen(realistic);
    }

    private int screen(List<List<PatientScreener.Line>> population) {
        int screened = 0;
        for (List<PatientScreener.Line> lines : population) {
            screened += screener.screen(lines).screened() ? 1 : 0;
        }
        return screened;
    }
}
