package org.waymark.api.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.waymark.api.store.Database;
import org.waymark.engine.ruleset.FailedRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.pathways.definition.PathwayRegistry;

/** The checks readiness is made of: the store answers, rule sets and pathways loaded without failures. */
public final class HealthChecks {
    private static final int STORE_TIMEOUT_SECONDS = 2;

    private HealthChecks() {
    }

    public static HealthCheck store(Database database) {
        return HealthCheck.of("store", () -> {
            try (Connection c = database.connection()) {
                return c.isValid(STORE_TIMEOUT_SECONDS) ? HealthCheck.Result.up() : HealthCheck.Result.down("the store did not answer");
            } catch (SQLException e) {
                // The driver's message can name the database host; the state code is enough to start from.
                return HealthCheck.Result.down("the store is unreachable (SQL state " + e.getSQLState() + ")");
            }
        });
    }

    public static HealthCheck ruleSets(RuleSetRegistry registry) {
        return HealthCheck.of("ruleSets", () -> {
            RuleSets snapshot = registry.current();
            List<String> problems = new ArrayList<>();
            for (FailedRuleSet failed : snapshot.failures()) {
                problems.add(failed.id() + "@" + failed.version() + " failed to load");
            }
            for (String id : snapshot.ids()) {
                if (snapshot.active(id).isEmpty()) {
                    problems.add(id + " has no active version");
                }
            }
            if (snapshot.ids().isEmpty()) {
                problems.add("no rule sets are loaded");
            }
            return problems.isEmpty() ? HealthCheck.Result.up() : HealthCheck.Result.down(String.join("; ", problems));
        });
    }

    public static HealthCheck pathways(PathwayRegistry pathways) {
        return HealthCheck.of("pathways", () -> pathways.failures().isEmpty() ? HealthCheck.Result.up()
                : HealthCheck.Result.down(String.join(", ", pathways.failures().keySet()) + " failed to load"));
    }

    /** Dead letters are audit entries the store refused: the server still answers, but an operator must look. */
    public static HealthCheck auditDeadLetters(java.util.function.LongSupplier deadLetters) {
        return HealthCheck.of("auditTrail", () -> {
            long n = deadLetters.getAsLong();
            return n == 0 ? HealthCheck.Result.up()
                    : new HealthCheck.Result(HealthCheck.Status.DEGRADED, n + " audit entries are in the dead-letter table");
        });
    }
}
