package org.waymark.engine.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.drools.core.base.MapGlobalResolver;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.waymark.engine.facts.Condition;
import org.waymark.engine.facts.Observation;
import org.waymark.engine.facts.Patient;
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
    void everyAlphaConstraintIsEvaluatedAsTheSessionWould() {
        assertFires(kieBase("RecordEntry( dated )"), true, List.of(condition()));
        KieBase negated = kieBase("RecordEntry( !in(\"x\") )");
        assertFires(negated, false, List.of(condition("x")));
        assertFires(negated, true, List.of(condition("x"), condition("y")));
    }

    @Test
    void aConstraintReadsTheSessionsGlobals() {
        KieBase kieBase = kieBase("Patient( ageYears >= minAge )", "global Integer minAge;", "");
        Map<String, Object> at65 = Map.of("minAge", 65);
        assertFires(kieBase, false, List.of(patient(64)), at65);
        assertFires(kieBase, true, List.of(patient(65)), at65);
        assertFires(kieBase, true, List.of(patient(64)), Map.of("minAge", 64));
    }

    @Test
    void aConstraintThatThrowsCountsAsPassedAndTheSessionMeetsTheError() {
        KieBase kieBase = kieBase("Patient( reference.substring(100) != \"\" )");
        assertTrue(FiringPrerequisites.of(kieBase).someRuleCouldFire(List.of(patient(70)), new MapGlobalResolver()));
        assertThrows(RuntimeException.class, () -> fire(kieBase, List.of(patient(70)), Map.of()));
    }

    @Test
    void aConstraintAfterANullCheckIsReadOnlyPastIt() {
        // Drools tests a pattern's constraints in order; the second would fail on an unknown age.
        KieBase kieBase = kieBase("Patient( ageYears != null, ageYears >= 65 )");
        assertFires(kieBase, false, List.of(patient(null)));
        assertFires(kieBase, true, List.of(patient(null), patient(80)));
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
    void anAccumulateOfNothingPassesOnlyIfItsEmptyResultDoes() {
        KieBase atLeast = kieBase("Set( size >= minimum ) from accumulate( $e : RecordEntry( in(\"x\") ), collectSet( $e ) )",
                "import java.util.Set;\nglobal Integer minimum;", "");
        assertFires(atLeast, false, List.of(condition("y")), Map.of("minimum", 1));
        assertFires(atLeast, true, List.of(condition("y")), Map.of("minimum", 0));
        assertFires(atLeast, true, List.of(condition("x")), Map.of("minimum", 1));
        KieBase counted = kieBase("Number( intValue > 0 ) from accumulate( RecordEntry( in(\"x\") ), count(1) )");
        assertFires(counted, false, List.of());
        assertFires(counted, true, List.of(condition("x")));
        // Joined after another pattern, as the rule sets write it.
        KieBase joined = kieBase("Patient( ageYears >= 65 )\n Number( intValue > 0 ) from accumulate( RecordEntry( in(\"x\") ), count(1) )");
        assertFires(joined, false, List.of(patient(80), condition("y")));
        assertFires(joined, false, List.of(patient(60), condition("x")));
        assertFires(joined, true, List.of(patient(80), condition("x")));
    }

    @Test
    void aResultConstraintReadingAnotherAccumulateOfNothingIsEvaluated() {
        // The frailty definition's "Classify frailty": no classification without a finding or an ignored score.
        KieBase either = kieBase("""
                Patient()
                $a : List() from accumulate( $e : RecordEntry( in("x") ), collectList( $e ) )
                List( size > 0 || $a.size() > 0 ) from accumulate( $e : RecordEntry( in("y") ), collectList( $e ) )""",
                "import java.util.List;", "");
        assertFires(either, false, List.of(patient(80)));
        assertFires(either, false, List.of(patient(80), condition("z")));
        assertFires(either, true, List.of(patient(80), condition("x")));
        assertFires(either, true, List.of(patient(80), condition("y")));
        assertFires(either, false, List.of(condition("x")));
        // With the session's globals.
        KieBase withGlobal = kieBase("""
                $a : Set() from accumulate( $e : RecordEntry( in("x") ), collectSet( $e ) )
                Number( intValue >= minimum - $a.size() ) from accumulate( RecordEntry( in("y") ), count(1) )""",
                "import java.util.Set;\nglobal Integer minimum;", "");
        assertFires(withGlobal, true, List.of(condition("z")), Map.of("minimum", 0));
        assertFires(withGlobal, false, List.of(condition("z")), Map.of("minimum", 1));
        assertFires(withGlobal, true, List.of(condition("x")), Map.of("minimum", 1));
        assertFires(withGlobal, true, List.of(condition("y")), Map.of("minimum", 1));
    }

    @Test
    void aResultConstraintReadingAnotherAccumulateThatThrowsCountsAsPassed() {
        KieBase kieBase = kieBase("""
                $a : List() from accumulate( $e : RecordEntry( in("x") ), collectList( $e ) )
                List( size > 0 || $a.get(0) != null ) from accumulate( $e : RecordEntry( in("y") ), collectList( $e ) )""",
                "import java.util.List;", "");
        assertTrue(FiringPrerequisites.of(kieBase).someRuleCouldFire(List.of(condition("z")), new MapGlobalResolver()));
        assertThrows(RuntimeException.class, () -> fire(kieBase, List.of(condition("z")), Map.of()));
    }

    @Test
    void anAccumulateOverTheFactsPresentIsComputed() {
        KieBase atLeastTwo = kieBase("Set( size >= 2 ) from accumulate( $e : RecordEntry( in(\"x\") ), collectSet( $e ) )",
                "import java.util.Set;", "");
        assertFires(atLeastTwo, false, List.of(condition("x")));
        assertFires(atLeastTwo, false, List.of(condition("x"), condition("y")));
        assertFires(atLeastTwo, true, List.of(condition("x"), conditionOf("Condition/other", "x")));
        // A value bound in the pattern, counted once however many entries carry it.
        KieBase references = kieBase("Set( size >= 2 ) from accumulate( RecordEntry( $r : reference, in(\"x\") ), collectSet( $r ) )",
                "import java.util.Set;", "");
        assertFires(references, false, List.of(condition("x"), condition("x", "y")));
        assertFires(references, true, List.of(condition("x"), conditionOf("Condition/other", "x")));
        KieBase counted = kieBase("Number( intValue >= 2 ) from accumulate( RecordEntry( in(\"x\") ), count(1) )");
        assertFires(counted, false, List.of(condition("x"), condition("y")));
        assertFires(counted, true, List.of(condition("x"), condition("x", "y")));
        // Written out with init, action and result, as an author may.
        KieBase inline = kieBase("Number( intValue >= 2 ) from accumulate( RecordEntry( in(\"x\") ), init( int n = 0; ), action( n++; ), result( n ) )");
        assertFires(inline, false, List.of(condition("x"), condition("y")));
        assertFires(inline, true, List.of(condition("x"), condition("x", "y")));
        // And read by another accumulate's result constraint.
        KieBase read = kieBase("""
                $a : List() from accumulate( $e : RecordEntry( in("x") ), collectList( $e ) )
                List( size + $a.size() >= 3 ) from accumulate( $e : RecordEntry( in("y") ), collectList( $e ) )""",
                "import java.util.List;", "");
        assertFires(read, false, List.of(condition("x"), condition("y")));
        assertFires(read, true, List.of(condition("x"), condition("y"), condition("x", "y")));
    }

    @Test
    void anAccumulateJoinedToTheRestOfTheMatchOrThatThrowsCountsAsPassed() {
        // Conservative: a result depending on an earlier pattern's fact is left to the session.
        KieBase joined = kieBase("$s : String()\n Number( intValue > 5 ) from accumulate( RecordEntry( reference != $s ), count(1) )");
        assertTrue(FiringPrerequisites.of(joined).someRuleCouldFire(List.of(DERIVED, condition("x")), new MapGlobalResolver()));
        assertEquals(List.of(), fire(joined, List.of(DERIVED, condition("x")), Map.of()));
        KieBase longer = kieBase("$s : String()\n List( size > $s.length() ) from accumulate( $e : RecordEntry( in(\"x\") ), collectList( $e ) )",
                "import java.util.List;", "");
        assertTrue(FiringPrerequisites.of(longer).someRuleCouldFire(List.of(DERIVED), new MapGlobalResolver()));
        assertEquals(List.of(), fire(longer, List.of(DERIVED), Map.of()));
        // A fact the session fails on is not counted in or out: the session runs and meets the error.
        KieBase throwing = kieBase("Number( intValue > 5 ) from accumulate( RecordEntry( reference.substring(100) != \"\" ), count(1) )");
        assertTrue(FiringPrerequisites.of(throwing).someRuleCouldFire(List.of(condition("x")), new MapGlobalResolver()));
        assertThrows(RuntimeException.class, () -> fire(throwing, List.of(condition("x")), Map.of()));
    }

    @Test
    void existsIsTakenAsNeedingNothing() {
        // Conservative: an exists could be read as a need, but it is not, so such a session always runs.
        KieBase kieBase = kieBase("exists RecordEntry( in(\"x\") )");
        assertTrue(FiringPrerequisites.of(kieBase).someRuleCouldFire(List.of(), new MapGlobalResolver()));
        assertEquals(List.of(), fire(kieBase, List.of(), Map.of()));
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
        assertFalse(FiringPrerequisites.of(kieBase).someRuleCouldFire(List.of(condition("x")), new MapGlobalResolver()));
        assertTrue(FiringPrerequisites.ALWAYS.someRuleCouldFire(List.of(), new MapGlobalResolver()));
    }

    /** The prediction is {@code expected}, and a real session holding {@code facts} fires exactly when it is true. */
    private static void assertFires(KieBase kieBase, boolean expected, List<Object> facts) {
        assertFires(kieBase, expected, facts, Map.of());
    }

    /** As {@link #assertFires(KieBase, boolean, List)}, with {@code globals} besides {@code fired} in the session. */
    private static void assertFires(KieBase kieBase, boolean expected, List<Object> facts, Map<String, Object> globals) {
        MapGlobalResolver resolver = new MapGlobalResolver();
        globals.forEach(resolver::setGlobal);
        assertEquals(expected, FiringPrerequisites.of(kieBase).someRuleCouldFire(facts, resolver), () -> "could fire on " + facts);
        assertEquals(expected, !fire(kieBase, facts, globals).isEmpty(), () -> "fired on " + facts);
    }

    private static List<String> fire(KieBase kieBase, List<Object> facts, Map<String, Object> globals) {
        KieSession session = kieBase.newKieSession();
        try {
            List<String> fired = new ArrayList<>();
            session.setGlobal("fired", fired);
            globals.forEach(session::setGlobal);
            facts.forEach(session::insert);
            session.fireAllRules();
            return fired;
        } finally {
            session.dispose();
        }
    }

    private static Patient patient(Integer ageYears) {
        LocalDate born = ageYears == null ? null : LocalDate.of(2026 - ageYears, 1, 1);
        return new Patient("Patient/p", Optional.empty(), false, Optional.ofNullable(born), ageYears, "female", false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A condition tagged, as the evaluator inserts it, with {@code valueSets}. */
    private static RecordEntry condition(String... valueSets) {
        return conditionOf("Condition/c", valueSets);
    }

    private static RecordEntry conditionOf(String reference, String... valueSets) {
        return new Condition(reference, List.of(), Set.of(), Optional.of(Instant.parse("2026-01-01T00:00:00Z")), false, "active")
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
