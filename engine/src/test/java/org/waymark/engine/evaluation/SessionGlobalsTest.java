package org.waymark.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.waymark.engine.ruleset.Parameters;
import org.waymark.engine.ruleset.SessionPool;
import org.waymark.engine.ruleset.TestKieBases;
import org.waymark.engine.time.EvaluationTime;

/** Each call's globals reach its rules through the session's own resolver, and none outlives the call. */
// Public: the test rule's consequence calls {@link #seen}.
public class SessionGlobalsTest {
    private static final String GLOBALS = """
            global org.waymark.engine.time.EvaluationTime asOf;
            global org.waymark.engine.ruleset.Parameters params;
            """;

    @Test
    void everyCallOnAReusedSessionSeesItsOwnGlobals() {
        SessionPool pool = new SessionPool(kieBase(GLOBALS + "global org.waymark.engine.evaluation.Outcome out;\n", "seen"));
        Parameters params = new Parameters(Map.of());
        for (int call = 0; call < 2 * Runtime.getRuntime().availableProcessors() + 1; call++) {
            EvaluationTime asOf = EvaluationTime.of(Instant.parse("2026-11-24T09:00:00Z").plusSeconds(call));
            Outcome out = new Outcome();
            try (SessionPool.Lease lease = pool.lease()) {
                KieSession session = lease.session();
                assertNull(session.getGlobal("out"), "a global of an earlier call");
                SessionGlobals.set(session, asOf, params, out);
                assertInstanceOf(SessionGlobals.class, session.getGlobals());
                SEEN.set(List.of());
                session.insert(List.of());
                assertEquals(1, session.fireAllRules());
                assertSame(asOf, session.getGlobal("asOf"));
                // The rule's consequence read all three globals: asOf and params as this call set them.
                assertEquals(List.of("seen " + asOf.instant()), SEEN.get());
                session.dispose();
            }
        }
    }

    @Test
    void aRuleSetNotDeclaringAGlobalFailsAsBefore() {
        SessionPool pool = new SessionPool(kieBase(GLOBALS, "none"));
        try (SessionPool.Lease lease = pool.lease()) {
            KieSession session = lease.session();
            assertThrows(RuntimeException.class, () -> SessionGlobals.set(session, EvaluationTime.of(Instant.EPOCH), new Parameters(Map.of()), new Outcome()));
            session.dispose();
        }
    }

    /** What the last firing of the test rule saw; one thread runs these tests. */
    static final ThreadLocal<List<String>> SEEN = ThreadLocal.withInitial(List::of);

    public static void seen(EvaluationTime asOf, Parameters params, Outcome out) {
        SEEN.set(params != null && out != null ? List.of("seen " + asOf.instant()) : List.of());
    }

    private static KieBase kieBase(String globals, String name) {
        String consequence = globals.contains("Outcome") ? "org.waymark.engine.evaluation.SessionGlobalsTest.seen(asOf, params, out);" : "";
        String drl = """
                package test;
                %s
                rule "any list"
                when
                    java.util.List()
                then
                    %s
                end
                """.formatted(globals, consequence);
        return TestKieBases.of("session-globals-" + name, drl);
    }
}
