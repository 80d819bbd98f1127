package org.waymark.api.ops;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.waymark.engine.ruleset.RuleSetRegistry;

/**
 * {@code GET /health/live}: the process answers. {@code GET /health/ready}: every {@link HealthCheck} is UP or
 * DEGRADED (503 when one is DOWN). {@code GET /health}: the same verdict, plus which version of each rule set
 * serves, every version that failed to load and why, and every version refused service (failing compilation, lint
 * or scenarios at start-up, activation or rollback) and why. The audit trail's dead letters make it DEGRADED.
 */
public final class HealthHandler {
    /** One check's verdict. */
    record Check(String name, HealthCheck.Status status, String detail) {
    }

    /** The readiness verdict: the worst status of all checks, and each check's own. */
    record Verdict(HealthCheck.Status status, List<Check> checks) {
    }

    /** {@code /health}: the verdict, the audit dead letters and the rule sets. */
    record Report(HealthCheck.Status status, List<Check> checks, long auditDeadLetters, List<RuleSetView> ruleSets) {
    }

    private final RuleSetRegistry registry;
    private final List<HealthCheck> checks;
    private final LongSupplier auditDeadLetters;

    public HealthHandler(RuleSetRegistry registry, List<HealthCheck> checks, LongSupplier auditDeadLetters) {
        this.registry = registry;
        this.checks = List.copyOf(checks);
        this.auditDeadLetters = auditDeadLetters;
    }

    public void live(Context ctx) {
        ctx.json(new Verdict(HealthCheck.Status.UP, List.of()));
    }

    public void ready(Context ctx) {
        Verdict v = verdict();
        ctx.status(code(v)).json(v);
    }

    public void handle(Context ctx) {
        Verdict v = verdict();
        ctx.status(code(v)).json(new Report(v.status(), v.checks(), auditDeadLetters.getAsLong(), RuleSetView.all(registry)));
    }

    private static int code(Verdict v) {
        return v.status() == HealthCheck.Status.DOWN ? 503 : 200;
    }

    private Verdict verdict() {
        HealthCheck.Status worst = HealthCheck.Status.UP;
        List<Check> results = new ArrayList<>();
        for (HealthCheck check : checks) {
            HealthCheck.Result r = outcome(check);
            worst = r.status().compareTo(worst) > 0 ? r.status() : worst;
            results.add(new Check(check.name(), r.status(), r.detail()));
        }
        return new Verdict(worst, results);
    }

    private static HealthCheck.Result outcome(HealthCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            return HealthCheck.Result.down("the check failed: " + e.getClass().getSimpleName());
        }
    }
}
