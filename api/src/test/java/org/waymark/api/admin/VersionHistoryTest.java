package org.waymark.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The history stack rollback walks: activations push, rollbacks and start-up fallbacks pop back. */
class VersionHistoryTest {
    private final List<ActivationLog.Entry> oldestFirst = new ArrayList<>();

    @Test
    void noEntriesMeansNothingToRollBackTo() {
        VersionHistory h = history();
        assertEquals(Optional.empty(), h.current());
        assertEquals(Optional.empty(), h.previous());
    }

    @Test
    void oneActivationRollsBackToTheVersionThatServedBeforeIt() {
        add("1.0.0", "1.0.1", RuleSetAdmin.ACTIVATE);
        assertEquals(Optional.of("1.0.1"), history().current());
        assertEquals(Optional.of("1.0.0"), history().previous());
    }

    @Test
    void twoRollbacksGoTwoStepsBackAndThenReachTheStart() {
        add("1.0.0", "1.0.1", RuleSetAdmin.ACTIVATE);
        add("1.0.1", "1.0.2", RuleSetAdmin.ACTIVATE);
        add("1.0.2", "1.0.1", RuleSetAdmin.ROLLBACK);
        assertEquals(Optional.of("1.0.0"), history().previous(), "not back to 1.0.2");
        add("1.0.1", "1.0.0", RuleSetAdmin.ROLLBACK);
        assertEquals(Optional.of("1.0.0"), history().current());
        assertEquals(Optional.empty(), history().previous());
    }

    @Test
    void anActivationAfterARollbackReplacesTheUndoneVersion() {
        add("1.0.0", "1.0.1", RuleSetAdmin.ACTIVATE);
        add("1.0.1", "1.0.2", RuleSetAdmin.ACTIVATE);
        add("1.0.2", "1.0.1", RuleSetAdmin.ROLLBACK);
        add("1.0.1", "1.0.3", RuleSetAdmin.ACTIVATE);
        assertEquals(List.of("1.0.3", "1.0.1", "1.0.0"), history().newestFirst());
    }

    @Test
    void reactivatingAnEarlierVersionIsANewStepNotARollback() {
        add("1.0.0", "1.0.1", RuleSetAdmin.ACTIVATE);
        add("1.0.1", "1.0.0", RuleSetAdmin.ACTIVATE);
        assertEquals(Optional.of("1.0.1"), history().previous());
    }

    @Test
    void aStartUpFallbackToAnEarlierVersionPopsBackToIt() {
        add("1.0.0", "1.0.1", RuleSetAdmin.ACTIVATE);
        add("1.0.1", "1.0.2", RuleSetAdmin.ACTIVATE);
        add("1.0.2", "1.0.1", RuleSetAdmin.START_UP);
        assertEquals(List.of("1.0.1", "1.0.0"), history().newestFirst());
    }

    @Test
    void aStartUpFallbackOutsideTheHistoryIsPushed() {
        add("1.0.0", "1.0.1", RuleSetAdmin.ACTIVATE);
        add("1.0.1", "2.0.0", RuleSetAdmin.START_UP);
        assertEquals(List.of("2.0.0", "1.0.1", "1.0.0"), history().newestFirst());
    }

    private void add(String from, String to, String kind) {
        oldestFirst.add(new ActivationLog.Entry("proactive-care", Optional.of(from), to, "lead-clinician", kind, Instant.EPOCH));
    }

    private VersionHistory history() {
        List<ActivationLog.Entry> newestFirst = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(newestFirst);
        return VersionHistory.of(newestFirst);
    }
}
