package org.waymark.engine.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.waymark.engine.facts.Condition;
import org.waymark.engine.facts.Observation;
import org.waymark.engine.facts.RecordEntry;

/**
 * What the network of a small rule set says about whether any rule could fire on a session's facts, both sides of each
 * pattern form; every case also fires a real session on the same facts, and a "cannot fire" must never fire.
 */
class FiringPrerequisitesTest {
    private static final AtomicLong BUILDS = new AtomicLong();
    /** A stand-in for a derived fact (a Frailty, a CareHomeResidence): only its type is read. */
    private static final String DERIVED = "derived";

    @Test
    void aMembershipPatternNeedsAMember() {
        KieBase kieBase = kieBase("RecordEntry( in(\"x\") )");
        assertFires(kieBase, false, List.of());
        assertFires(kieBase, false, List.of(condition()));
        assertFires(kieBase, false, List.of(condition("y")));
        assertFires(kieBase, true, List.of(condition("y"), condition("x")));
    }

    @Test
    void aPatternNeedsAnInstanceOfItsType() {
        KieBase kieBase = kieBase("Observation( in(\"x\") )");
        assertFires(kieBase, false, List.of(condition("x")));
        assertFires(kieBase, true, List.of(observation("x")));
        KieBase derived = kieBase("String()");
        assertFires(derived, false, List.of(condition("x")));
        assertFires(derived, true, List.of(DERIVED));
    }

    @Test
    void everyJoinedPatternNeedsAFact() {
        KieBase kieBase = kieBase("String()\n RecordEntry( in(\"x\") )");
        assertFires(kieBase, false, List.of(DERIVED));
        assertFires(kieBase, false, List.of(condition("x")));
        assertFires(kieBase, true, List.of(DERIVED, condition("x")));
    }

    @Test
    void everyAlphaConstraintOnTheWayIsRead() {
        KieBase kieBase = kieBase("RecordEntry( in(\"x\"), in(\"y\") )");
        assertFires(kieBase, false, List.of(condition("x")));
        assertFires(kieBase, false, List.of(condition("y")));
        assertFires(kieBase, true, List.of(condition("x", "y")));
    }

    @Test
    void aConstraintNotUnderstoodCountsAsPassed() {
        KieBase kieBase = kieBase("RecordEntry( dated )");
        assertFires(kieBase, true, List.of(condition()));
        KieBase negated = kieBase("RecordEntry( !in(\"x\") )");
        // Run, although the rule then finds its fact fails the constraint: a prediction errs only towards running.
        assertTrue(FiringPrerequisites.of(negated).someRuleCouldFire(List.of(condition("x"))));
        assertEquals(List.of(), fire(negated, List.of(condition("x"))));
    }

    @Test
    void absenceAndAccumulateNeedNothing() {
        assertFires(kieBase("not RecordEntry( in(\"x\") )"), true, List.of());
        // A subnetwork (not over two patterns): its joins are not the rule's path.
        KieBase subnetwork = kieBase("String()\n not( RecordEntry( in(\"x\") ) and RecordEntry( in(\"y\") ) )");
        assertFires(subnetwork, true, List.of(DERIVED));
        assertFires(subnetwork, false, List.of(condition("x"), condition("y")));
        assertFires(kieBase("Number( intValue == 0 ) from accumulate( RecordEntry( in(\"x\") ), count(1) )"), true, List.of());
        assertFires(kieBase("String() from \"a\""), true, List.of());
        assertFires(kieBase("eval( true )"), true, List.of());
    }

    @Test
    void existsIsTakenAsNeedingNothing() {
        // Conservative: an exists could be read as a need, but it is not, so such a session always runs.
        KieBase kieBase = kieBase("exists RecordEntry( in(\"x\") )");
        assertTrue(FiringPrerequisites.of(kieBase).someRuleCouldFire(List.of()));
        assertEquals(List.of(), fire(kieBase, List.of()));
    }

    @Test
    void eitherBranchOfAnOrIsEnough() {
        KieBase kieBase = kieBase("RecordEntry( in(\"x\") ) or String()");
        assertFires(kieBase, false, List.of(condition("y")));
        assertFires(kieBase, true, List.of(condition("x")));
        assertFires(kieBase, true, List.of(DERIVED));
    }

    @Test
    void anyOfSeveralRulesIsEnough() {
        KieBase kieBase = kieBase("RecordEntry( in(\"x\") )", "", """
                rule "another"
                when
                    String()
                then
                    fired.add("another");
                end
                """);
        assertFires(kieBase, false, List.of(condition("y")));
        assertFires(kieBase, true, List.of(DERIVED));
        assertFires(kieBase, true, List.of(condition("x")));
    }

    @Test
    void aFunctionThatMightBeCalledForAnEntryMethodLeavesMembershipsUnread() {
        KieBase kieBase = kieBase("RecordEntry( in(\"x\") )", "function boolean in(String s) { return true; }", "");
        assertFires(kieBase, true, List.of(condition()));
        assertFires(kieBase, false, List.of(DERIVED));
    }

    @Test
    void aKieBaseOfQueriesOnlyFiresNothing() {
        KieBase kieBase = TestKieBases.of("prerequisites-" + BUILDS.incrementAndGet(), """
                package test;
                import org.waymark.engine.facts.*;
                query "entries"
                    RecordEntry()
                end
                """);
        assertFalse(FiringPrerequisites.of(kieBase).someRuleCouldFire(List.of(condition("x"))));
        assertTrue(FiringPrerequisites.ALWAYS.someRuleCouldFire(List.of()));
    }

    /** The prediction is {@code expected}, and a real session holding {@code facts} fires exactly when it is true. */
    private static void assertFires(KieBase kieBase, boolean expected, List<Object> facts) {
        assertEquals(expected, FiringPrerequisites.of(kieBase).someRuleCouldFire(facts), () -> "could fire on " + facts);
        assertEquals(expected, !fire(kieBase, facts).isEmpty(), () -> "fired on " + facts);
    }

    private static List<String> fire(KieBase kieBase, List<Object> facts) {
        KieSession session = kieBase.newKieSession();
        try {
            List<String> fired = new ArrayList<>();
            session.setGlobal("fired", fired);
            facts.forEach(session::insert);
            session.fireAllRules();
            return fired;
        } finally {
            session.dispose();
        }
    }

    /** A condition tagged, as the evaluator inserts it, with {@code valueSets}. */
    private static RecordEntry condition(String... valueSets) {
        return new Condition("Condition/c", List.of(), Set.of(), Optional.of(Instant.parse("2026-01-01T00:00:00Z")), false, "active")
                .withValueSets(Set.of(valueSets));
    }

    private static RecordEntry observation(String... valueSets) {
        return new Observation("Observation/o", List.of(), Set.of(), Optional.empty(), false, 1.0, Optional.empty())
                .withValueSets(Set.of(valueSets));
    }

    private static KieBase kieBase(String when) {
        return kieBase(when, "", "");
    }

    /** One rule whose condition is {@code when}, after {@code declarations} and before {@code more} rules. */
    private static KieBase kieBase(String when, String declarations, String more) {
        return TestKieBases.oneRule("prerequisites-" + BUILDS.incrementAndGet(), declarations, when, more);
    }
}
