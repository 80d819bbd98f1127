package org.waymark.api.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.waymark.engine.ruleset.RuleSets;

/** Refusal reasons can quote an attacker's header: the reason label must stay bounded. */
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
    void theAuditGaugesAreReadAtScrape() {
        String text = metrics.scrape();
        assertTrue(text.contains("waymark_audit_queue_depth 3.0"), text);
        assertTrue(text.contains("waymark_audit_dead_letters 5.0"), text);
    }
}
