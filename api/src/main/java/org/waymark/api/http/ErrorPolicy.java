package org.waymark.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exception mapping of every endpoint: an {@link ApiException} (or Javalin's own
 * {@link HttpResponseException}, or Jetty's verdict on a request it could not read) is its status with an
 * {@link OperationOutcome}; anything else is a 500 that says nothing of its cause. Each refusal and failure is
 * told to a {@link RefusalListener} (the audit keeps those of service calls).
 */
public final class ErrorPolicy {
    /** Told of a refused (4xx) or failed (5xx) call; {@code detail} is Waymark's wording, never request content. */
    @FunctionalInterface
    public interface RefusalListener {
        void refused(Context ctx, int status, String detail);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPolicy.class);

    private ErrorPolicy() {
    }

    public static void install(RoutesConfig routes, RefusalListener listener) {
        routes.exception(ApiException.class, (e, ctx) -> refuse(ctx, e, listener));
        routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, new ApiException(e.getStatus(), e.getMessage())));
        routes.exception(Exception.class, (e, ctx) -> {
            Optional<ApiException> unreadable = UnreadableRequest.of(e);
            if (unreadable.isPresent()) {
                refuse(ctx, unreadable.get(), listener);
                return;
            }
            // Exception messages can quote record content, so only the type and origin are logged.
            StackTraceElement origin = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            LOG.error("unexpected {} at {} while answering {} {}", e.getClass().getName(), origin, ctx.method(), ctx.path());
            listener.refused(ctx, 500, "internal error " + e.getClass().getSimpleName());
            answer(ctx, new ApiException(500, "internal error; the request was not evaluated"));
        });
    }

    /** Writes {@code e}'s status and OperationOutcome. */
    public static void answer(Context ctx, ApiException e) {
        ctx.status(e.status()).json(OperationOutcome.of(e));
    }

    private static void refuse(Context ctx, ApiException e, RefusalListener listener) {
        listener.refused(ctx, e.status(), "rejected" + e.field().map(f -> " at " + f).orElse(""));
        answer(ctx, e);
    }
}
