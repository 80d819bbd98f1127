package org.waymark.api.cdshooks;

import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the listeners of an answered call: those guarding the answer first (their failure propagates and withholds
 * the answer, so no one else is told of a call that is not answered), then the others, whose failures are logged
 * and never fail the call.
 */
final class InvocationListeners {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationListeners.class);

    private final List<InvocationListener> listeners;

    InvocationListeners(List<InvocationListener> listeners) {
        this.listeners = listeners.stream().sorted(Comparator.comparing(l -> !l.guardsAnswer())).toList();
    }

    void answered(Context ctx, HookInvocation.Result call) {
        for (InvocationListener listener : listeners) {
            if (listener.guardsAnswer()) {
                listener.answered(ctx, call);
                continue;
            }
            try {
                listener.answered(ctx, call);
            } catch (RuntimeException e) {
                // The type only: a message could quote record content. The live answer stands.
                LOG.error("{} failed on an answered call ({}); the call is answered", listener.getClass().getSimpleName(),
                        e.getClass().getSimpleName());
            }
        }
    }
}
