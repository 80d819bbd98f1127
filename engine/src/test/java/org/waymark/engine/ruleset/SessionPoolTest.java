package org.waymark.engine.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

/**
 * What a session given back to the pool keeps: nothing of the call that used it. The evaluator relies on Drools' reset
 * for this (it adds its event listeners per call and does not remove them), so a Drools upgrade that kept listeners,
 * facts or globals across calls fails here rather than mixing one patient's firings into another's.
 */
class SessionPoolTest {
    @Test
    void aSessionBackFromACallHasNoListenersFactsOrGlobals() {
        SessionPool pool = new SessionPool(kieBase());
        Set<KieSession> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int calls = 2 * Runtime.getRuntime().availableProcessors() + 1;
        for (int call = 0; call < calls; call++) {
            try (SessionPool.Lease lease = pool.lease()) {
                KieSession session = lease.session();
                seen.add(session);
                assertTrue(session.getAgendaEventListeners().isEmpty(), "agenda listeners of an earlier call");
                assertTrue(session.getRuleRuntimeEventListeners().isEmpty(), "rule runtime listeners of an earlier call");
                assertEquals(0, session.getFactCount(), "facts of an earlier call");
                assertNull(session.getGlobal("fired"), "a global of an earlier call");
                List<String> fired = new ArrayList<>();
                session.setGlobal("fired", fired);
                session.addEventListener(new DefaultAgendaEventListener());
                session.addEventListener(new DefaultRuleRuntimeEventListener());
                session.insert("a fact");
                assertEquals(1, session.fireAllRules());
                assertEquals(List.of("a fact"), fired);
                session.dispose();
            }
        }
        assertTrue(seen.size() < calls, "sessions are reused (" + seen.size() + " for " + calls + " calls)");
        pool.retire();
        assertEquals(0, pool.openPools());
    }

    private static KieBase kieBase() {
        String drl = """
                package test;
                global java.util.List fired;
                rule "any string"
                when
                    $s : String()
                then
                    fired.add($s);
                end
                """;
        return TestKieBases.of("session-pool", drl);
    }
}
