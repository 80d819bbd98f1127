package org.waymark.api.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listeners observe answered calls: only a listener guarding the answer (the audit) can withhold it. */
class InvocationListenersTest {
    private final List<String> told = new ArrayList<>();

    private InvocationListener listener(String name, boolean guards, boolean fails) {
        return new InvocationListener() {
            @Override
            public void answered(Context ctx, HookInvocation.Result call) {
                told.add(name);
                if (fails) {
                    throw new IllegalStateException("the store is down");
                }
            }

            @Override
            public boolean guardsAnswer() {
                return guards;
            }
        };
    }

    @Test
    void aFailingObserverDoesNotFailTheCallAndTheOthersAreStillTold() {
        new InvocationListeners(List.of(listener("shadow", false, true), listener("other", false, false))).answered(null, null);
        assertEquals(List.of("shadow", "other"), told);
    }

    @Test
    void aFailingGuardWithholdsTheAnswerAndNoObserverIsTold() {
        InvocationListeners listeners = new InvocationListeners(List.of(listener("shadow", false, false), listener("audit", true, true)));
        assertThrows(IllegalStateException.class, () -> listeners.answered(null, null));
        assertEquals(List.of("audit"), told, "the audit is told first, whatever the order given");
    }

    @Test
    void guardsAreToldBeforeObservers() {
        new InvocationListeners(List.of(listener("shadow", false, false), listener("audit", true, false))).answered(null, null);
        assertEquals(List.of("audit", "shadow"), told);
    }
}
