package org.waymark.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.Map;
import org.kie.api.KieBase;
import org.waymark.engine.ruleset.SessionPool;

/** The production evaluator, counting per KieBase the sessions it leaves out and those it fires, for the differential tests. */
final class SessionsLeftOut {
    /** Per KieBase: sessions left out, sessions fired. */
    private final Map<KieBase, int[]> counts = new IdentityHashMap<>();

    Evaluator evaluator() {
        return new Evaluator(SessionPool::matchable, (pool, facts, globals) -> {
            boolean could = pool.prerequisites().someRuleCouldFire(facts, globals);
            synchronized (counts) {
                counts.computeIfAbsent(pool.kieBase(), k -> new int[2])[could ? 1 : 0]++;
            }
            return could;
        });
    }

    /** At least {@code kieBases} KieBases had sessions left out, and every KieBase fired some too. */
    void assertBothSides(int kieBases) {
        long leavingOut = counts.values().stream().filter(c -> c[0] > 0).count();
        assertTrue(leavingOut >= kieBases, "KieBases with sessions left out: " + leavingOut);
        assertTrue(counts.values().stream().allMatch(c -> c[1] > 0), "every KieBase fired on some record");
    }
}
