package org.waymark.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.waymark.api.cdshooks.CardFactory;
import org.waymark.api.cdshooks.CdsServiceCatalog;
import org.waymark.api.cdshooks.HookInvocation;
import org.waymark.api.cdshooks.PrefetchReader;
import org.waymark.api.cdshooks.TimeOrderedUuids;
import org.waymark.api.http.Json;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * Workload: the ~150-resource older patient's fully prefetched patient-view request (the body {@code bench/run.sh load}
 * sends with {@code REQUEST=older}) answered as of 2026-11-24 as the server answers it, without HTTP, client tokens or the
 * store: {@link HookInvocation} (the body read into a record, assessed with the service's rule sets and pathways, cards)
 * and the cards written as JSON. What a call costs its request thread past Jetty, token checks and the audit; for
 * {@code bench/run.sh paired}, where a change to it shows against another build in one JVM, and {@link CallLoad}; under JMH
 * with its default settings.
 */
@State(Scope.Benchmark)
public class CallBenchmark {
    private static final Instant AS_OF = Instant.parse("2026-11-24T09:00:00Z");
    private static final String SERVICE = "neighbourhood-care";

    private HookInvocation invocation;
    private byte[] body;

    @Setup
    public void setUp() {
        Path root = RepositoryRoot.root();
        invocation = new HookInvocation(RuleSetRegistry.load(root.resolve("rules"), Map.of()),
                new PathwayService(PathwayRegistry.load(root.resolve("pathways/definitions"))),
                CdsServiceCatalog.load(root.resolve("rules/services.yaml")), new PrefetchReader(PrefetchReader.Fetcher.NONE),
                new CardFactory(new TimeOrderedUuids(Clock.systemUTC())));
        body = CdsHooksRequests.patientView(OlderPatient.build()).getBytes(StandardCharsets.UTF_8);
        if (invocation.invoke(SERVICE, body, AS_OF).cards().isEmpty()) {
            throw new IllegalStateException("the workload's call gave no cards");
        }
    }

    @Benchmark
    public int answerOlderPatient() {
        return Json.bytes(invocation.invoke(SERVICE, body, AS_OF).response()).length;
    }
}
