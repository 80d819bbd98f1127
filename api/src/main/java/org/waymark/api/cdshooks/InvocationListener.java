package org.waymark.api.cdshooks;

import io.javalin.http.Context;

/**
 * Observes each answered service call, after its cards exist and before the answer is written (the audit, shadow
 * evaluation). A listener that {@link #guardsAnswer() guards the answer} is told first and its failure withholds
 * the answer; any other listener's failure is logged and never fails the call.
 */
public interface InvocationListener {
    void answered(Context ctx, HookInvocation.Result call);

    /** Whether the answer must wait for this listener and be withheld when it fails (the audit: no answer without its record). */
    default boolean guardsAnswer() {
        return false;
    }
}
