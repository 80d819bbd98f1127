package org.waymark.api.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.waymark.engine.ruleset.RuleSets;

/** Refusal reasons can quote an attacker's header: the reason label must stay bounded; calls are counted per label set. */
class MetricsTest {
    private final Metrics metrics = new Metrics(() -> 3, () -> 5, () -> new RuleSets(List.of(), Map.of()));

    @Test
    void reasonsPastTheLimitAreCountedAsOther() {
        for (int i = 0; i < Metrics.MAX_REASONS + 10; i++) {
            metrics.authRefused("algorithm X" + i + " is not allowed");
        }
        metrics.authRefused("algorithm X0 is not allowed");
        String text = metrics.scrape();
        long series = text.lines().filter(l -> l.startsWith("waymark_auth_refusals_total{")).count();
        assertEquals(Metrics.MAX_REASONS + 1, series, "the first reasons and 'other'");
        assertTrue(text.contains("waymark_auth_refusals_total{reason=\"algorithm X0 is not allowed\"} 2.0"), text);
        assertTrue(text.contains("waymark_auth_refusals_total{reason=\"other\"} 10.0"), text);
    }

    @Test
    void eachCallIsCountedUnderItsOwnLabels() {
        metrics.call("service", "proactive-care", 200, java.time.Duration.ofMillis(3));
        metrics.call("service", "proactive-care", 200, java.time.Duration.ofMillis(5));
        metrics.call("service", "proactive-care", 503, java.time.Duration.ofMillis(7));
        metrics.call("feedback", "proactive-care", 200, java.time.Duration.ofMillis(1));
        String text = metrics.scrape();
        assertTrue(text.contains("waymark_calls_seconds_count{endpoint=\"service\",service=\"proactive-care\",status=\"200\"} 2"), text);
        assertTrue(text.contains("waymark_calls_seconds_count{endpoint=\"service\",service=\"proactive-care\",status=\"503\"} 1"), text);
        assertTrue(text.contains("waymark_calls_seconds_count{endpoint=\"feedback\",service=\"proactive-care\",status=\"200\"} 1"), text);
        assertTrue(text.contains("waymark_calls_seconds_sum{endpoint=\"service\",service=\"proactive-care\",status=\"200\"} 0.008"), text);
    }

    @Test
    void theAuditGaugesAreReadAtScrape() {
        String text = metrics.scrape();
        assertTrue(text.contains("waymark_store_queue_depth 3.0"), text);
        assertTrue(text.contains("waymark_audit_dead_letters 5.0"), text);
    }
}
