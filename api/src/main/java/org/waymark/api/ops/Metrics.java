package org.waymark.api.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.waymark.engine.ruleset.RuleSets;

/**
 * The server's Prometheus metrics (Micrometer): calls by endpoint, service and status with a latency histogram,
 * client-authentication refusals by reason, the store writer's queue, the audit dead letters, and the rule-set version each rule set serves.
 * Label values are bounded: services outside the catalogue count as "unknown", and reasons past {@link #MAX_REASONS}
 * distinct ones as "other" (a refusal reason can quote an attacker's header, so it must not mint a series per request).
 */
public final class Metrics {
    /** Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final int MAX_REASONS = 32;

    /** A call timer's labels (bounded, as the class says). */
    private record CallKind(String endpoint, String service, int status) {
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Set<String> reasons = new HashSet<>();
    private final Map<CallKind, Timer> timers = new ConcurrentHashMap<>();
    private final MultiGauge activeVersions;
    private final Supplier<RuleSets> ruleSets;

    /**
     * @param storeQueueDepth rows waiting for the store writer's commit (audit entries, client token ids)
     * @param auditDeadLetters audit entries the store refused, kept in the dead-letter table
     * @param ruleSets the rule sets serving now
     */
    public Metrics(LongSupplier storeQueueDepth, LongSupplier auditDeadLetters, Supplier<RuleSets> ruleSets) {
        this.ruleSets = ruleSets;
        // Strong references: a gauge holds its source weakly by default, and these suppliers are referenced nowhere else.
        Gauge.builder("waymark.store.queue.depth", storeQueueDepth, LongSupplier::getAsLong).strongReference(true)
                .description("Rows waiting for the store writer's commit (audit entries, client token ids); their calls wait too").register(registry);
        Gauge.builder("waymark.audit.dead.letters", auditDeadLetters, LongSupplier::getAsLong).strongReference(true)
                .description("Audit entries the store refused, kept in audit_dead_letter").register(registry);
        activeVersions = MultiGauge.builder("waymark.rule.set.active").description("1 for the version each rule set serves")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** One finished call: {@code endpoint} is discovery, service or feedback; {@code service} a catalogue id or "unknown". */
    public void call(String endpoint, String service, int status, Duration latency) {
        // The registry would find the same timer, but building its id and looking it up cost more than recording.
        timers.computeIfAbsent(new CallKind(endpoint, service, status), k -> Timer.builder("waymark.calls")
                .description("CDS Hooks calls by endpoint, service and HTTP status")
                .tags("endpoint", k.endpoint(), "service", k.service(), "status", Integer.toString(k.status()))
                .publishPercentileHistogram().register(registry)).record(latency);
    }

    /** A call refused by client authentication, counted under the reason the auth layer gave. */
    public void authRefused(String reason) {
        Counter.builder("waymark.auth.refusals").description("Calls refused by client authentication, by reason")
                .tag("reason", reasonLabel(reason)).register(registry).increment();
    }

    private String reasonLabel(String reason) {
        String label = reason == null || reason.isBlank() ? "unknown" : reason;
        synchronized (reasons) {
            if (reasons.contains(label) || reasons.size() < MAX_REASONS) {
                reasons.add(label);
                return label;
            }
        }
        return "other";
    }

    /** The current metrics in Prometheus text format. */
    public String scrape() {
        activeVersions.register(ruleSets.get().allActive().stream()
                .map(r -> MultiGauge.Row.of(Tags.of("rule_set", r.id(), "version", r.version()), 1)).toList(), true);
        return registry.scrape();
    }
}
