package org.waymark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.FactMapper;
import org.waymark.engine.fhir.RecordReader;
import org.waymark.engine.fhir.RecordStream;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * Workload: one older patient of about 150 resources (see {@link OlderPatient}), assessed with every
 * bundled rule set and pathway as of 2026-11-24, through the {@link Assessor} every caller uses. {@code evaluateFacts} measures rules and pathways alone;
 * {@code parseAndEvaluate} adds reading the Bundle JSON into facts with the streaming reader, as a CDS call does.
 * Reading alone, side by side: {@code streamingParseToFacts} (the streaming reader, {@link RecordStream}),
 * {@code hapiParseToFacts} (HAPI parsing then {@link FactMapper}, the path before 2.4) and {@code jacksonReadTree}
 * (a plain Jackson tree of the same bytes: the limit a JSON reader can reach).
 * SampleTime mode gives the average and the percentiles (p99) of single evaluations.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class EvaluationBenchmark {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private List<CompiledRuleSet> ruleSets;
    private Assessor assessor;
    private PatientRecord record;
    private String bundle;
    private byte[] bundleBytes;
    private final EvaluationTime time = EvaluationTime.of(AS_OF);

    @Setup
    public void setUp() throws Exception {
        Path root = RepositoryRoot.root();
        ruleSets = RuleSetRegistry.load(root.resolve("rules"), Map.of()).current().allActive();
        assessor = new Assessor(new PathwayService(PathwayRegistry.load(root.resolve("pathways/definitions"))));
        bundle = OlderPatient.build().toBundleJson();
        bundleBytes = bundle.getBytes(StandardCharsets.UTF_8);
        record = RecordStream.read(bundleBytes, AS_OF);
        if (!record.equals(FactMapper.toRecord(RecordReader.resources(bundle, "record"), AS_OF))) {
            throw new IllegalStateException("the streaming and HAPI readers disagree on the workload");
        }
        if (record.entries().size() < 140 || !Files.isDirectory(root.resolve("rules"))) {
            throw new IllegalStateException("workload is not the ~150-resource patient: " + record.entries().size());
        }
    }

    @Benchmark
    public int evaluateFacts() {
        return assessor.assess(AssessmentRequest.everything(record, time, ruleSets)).recommendations().size();
    }

    @Benchmark
    public int parseAndEvaluate() throws Exception {
        return assessor.assess(AssessmentRequest.everything(RecordStream.read(bundleBytes, AS_OF), time, ruleSets)).recommendations().size();
    }

    @Benchmark
    public int streamingParseToFacts() throws Exception {
        return RecordStream.read(bundleBytes, AS_OF).entries().size();
    }

    @Benchmark
    public int hapiParseToFacts() throws Exception {
        return FactMapper.toRecord(RecordReader.resources(bundle, "record"), AS_OF).entries().size();
    }

    @Benchmark
    public int jacksonReadTree() throws Exception {
        return JSON.readTree(bundleBytes).path("entry").size();
    }
}
