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
import org.waymark.engine.facts.Encounter;
import org.waymark.engine.facts.Observation;
import org.waymark.engine.facts.RecordEntry;

/** What the network of a small rule set says about which entries could match: both sides of each pattern form. */
class MatchableEntriesTest {
    private static final AtomicLong BUILDS = new AtomicLong();

    @Test
    void anUnconstrainedPatternSeesEveryEntry() {
        MatchableEntries m = MatchableEntries.of(kieBase("RecordEntry()"));
        assertTrue(passes(m, condition(), Set.of()), "an entry in no value set");
        assertTrue(passes(m, observation(5.0), Set.of("x")), "an entry in a value set");
    }

    @Test
    void aMembershipPatternSeesOnlyItsMembers() {
        MatchableEntries m = MatchableEntries.of(kieBase("RecordEntry( in(\"x\") )"));
        assertTrue(passes(m, condition(), Set.of("x")));
        assertTrue(passes(m, condition(), Set.of("y", "x")));
        assertFalse(passes(m, condition(), Set.of()), "in no value set");
        assertFalse(passes(m, condition(), Set.of("y")), "only in a value set the rules do not name");
    }

    @Test
    void anotherFirstConstraintSeesEveryEntryOfItsTypeAndNoOther() {
        MatchableEntries m = MatchableEntries.of(kieBase("Observation( value > 3 )"));
        assertTrue(passes(m, observation(1.0), Set.of()), "every observation, whatever its value");
        assertTrue(passes(m, observation(5.0), Set.of()));
        assertTrue(m.test(condition()).never(), "a condition reaches no observation pattern");
    }

    @Test
    void aTypeNoPatternNamesIsNeverInserted() {
        MatchableEntries m = MatchableEntries.of(kieBase("Observation( in(\"x\") )"));
        assertTrue(m.test(condition()).never());
        assertTrue(m.test(encounter(true)).never());
        assertFalse(m.test(observation(1.0)).never());
    }

    @Test
    void aNegatedPatternSeesOnlyMembersAndStillFiresWhenNoneIs() {
        KieBase kieBase = kieBase("not RecordEntry( in(\"x\") )");
        MatchableEntries m = MatchableEntries.of(kieBase);
        assertFalse(passes(m, condition(), Set.of()));
        assertTrue(passes(m, condition(), Set.of("x")));

        assertEquals(List.of("fired"), fire(kieBase, m, condition(), Set.of()), "the only entry is not in x: the rule fires");
        assertEquals(List.of(), fire(kieBase, m, condition(), Set.of("x")), "the only entry is in x: it does not");
    }

    @Test
    void theBundledFormsEachRequireTheirMemberships() {
        MatchableEntries category = MatchableEntries.of(kieBase("RecordEntry( categoryOf(\"ltc-\") != \"\" )"));
        assertTrue(passes(category, condition(), Set.of("ltc-copd")));
        assertFalse(passes(category, condition(), Set.of("efi-falls")));

        MatchableEntries bound = MatchableEntries.of(kieBase("RecordEntry( $g : categoryOf(\"ltc-\"), $g != \"\" )"));
        assertTrue(passes(bound, condition(), Set.of("ltc-copd")));
        assertFalse(passes(bound, condition(), Set.of("efi-falls")));

        MatchableEntries either = MatchableEntries.of(kieBase("RecordEntry( emergency || in(\"admission\") )"));
        assertTrue(passes(either, encounter(true), Set.of()), "an emergency in no value set");
        assertTrue(passes(either, condition(), Set.of("admission")));
        assertFalse(passes(either, encounter(false), Set.of()));
        assertFalse(passes(either, condition(), Set.of("x")));
    }

    @Test
    void aPathStartingWithAnotherConstraintLetsEveryEntryIn() {
        // The negation is first: an entry outside x passes it.
        MatchableEntries m = MatchableEntries.of(kieBase("RecordEntry( !in(\"x\") )"));
        assertTrue(passes(m, condition(), Set.of()));
        MatchableEntries dated = MatchableEntries.of(kieBase("RecordEntry( dated, in(\"x\") )"));
        assertTrue(passes(dated, condition(), Set.of()), "the first constraint is not a membership");
        MatchableEntries or = MatchableEntries.of(kieBase("RecordEntry( in(\"x\") || dated )"));
        assertTrue(passes(or, condition(), Set.of()), "a form not understood lets every entry in");
    }

    @Test
    void aFunctionThatMightBeCalledForAnEntryMethodLetsEveryEntryIn() {
        assertFalse(passes(MatchableEntries.of(kieBase("RecordEntry( in(\"x\") )", "function boolean member(String s) { return true; }")),
                condition(), Set.of()), "a function of another name");
        assertTrue(passes(MatchableEntries.of(kieBase("RecordEntry( in(\"x\") )", "function boolean in(String s) { return true; }")),
                condition(), Set.of()), "a function named in");
        assertTrue(passes(MatchableEntries.of(kieBase("RecordEntry( in(\"x\") )", "import function java.util.Objects.*;")),
                condition(), Set.of()), "functions imported by a wildcard");
    }

    @Test
    void onlyTheUnderstoodFormsAreRead() {
        assertEquals(Optional.of(new EntryRequirement(false, Set.of("a", "b"), Set.of("p-"), true)),
                MembershipConstraint.requirement("in(\"a\") || in( \"b\" ) || categoryOf(\"p-\") != \"\" || emergency"));
        for (String other : List.of("!in(\"a\")", "in(\"a\") && dated", "in(\"a||b\")", "in(\"a\") || dated", "categoryOf(\"p\") == \"\"",
                "(in(\"a\"))", "emergencyAdmission", "")) {
            assertEquals(Optional.empty(), MembershipConstraint.requirement(other), other);
        }
    }

    private static boolean passes(MatchableEntries m, RecordEntry entry, Set<String> memberships) {
        return m.test(entry).passes(entry, memberships);
    }

    /** The rule's firings with the entry inserted as the evaluator inserts it: tagged, when it passes. */
    private static List<String> fire(KieBase kieBase, MatchableEntries m, RecordEntry entry, Set<String> memberships) {
        KieSession session = kieBase.newKieSession();
        try {
            List<String> fired = new ArrayList<>();
            session.setGlobal("fired", fired);
            if (m.test(entry).passes(entry, memberships)) {
                session.insert(entry.withValueSets(memberships));
            }
            session.fireAllRules();
            return fired;
        } finally {
            session.dispose();
        }
    }

    private static Condition condition() {
        return new Condition("Condition/c", List.of(), Set.of(), Optional.of(Instant.parse("2026-01-01T00:00:00Z")), false, "active");
    }

    private static Observation observation(double value) {
        return new Observation("Observation/o", List.of(), Set.of(), Optional.empty(), false, value, Optional.empty());
    }

    private static Encounter encounter(boolean emergency) {
        return new Encounter("Encounter/e", List.of(), Set.of(), Optional.empty(), false, Optional.empty(), "EMER", emergency);
    }

    /** One rule whose condition is {@code when}, compiled as the rule sets are. */
    private static KieBase kieBase(String when) {
        return kieBase(when, "");
    }

    /** {@code declarations}: functions or imports before the rule. */
    private static KieBase kieBase(String when, String declarations) {
        return TestKieBases.oneRule("matchable-" + BUILDS.incrementAndGet(), declarations, when, "");
    }
}
