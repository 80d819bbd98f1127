package org.waymark.api.server;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.auth.ClientAuthentication;
import org.waymark.api.cdshooks.CdsHooksHandlers;
import org.waymark.api.ops.Metrics;

/**
 * After every CDS Hooks call (discovery, service, feedback): one line on the {@code waymark.access} logger and
 * one observation in {@link Metrics}. The line names the hookInstance, service, status, latency and client, and
 * nothing from the record: no patient id, no body, no token. A service id outside the catalogue is logged as
 * "unknown" and a hookInstance that is not a plain token as "invalid", so a caller cannot write into the log.
 */
final class CallObserver implements RequestLogger {
    private static final Logger ACCESS = LoggerFactory.getLogger("waymark.access");
    private static final Pattern HOOK_INSTANCE_FORM = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    // Issuers come from the trusted-clients file, so any printable ASCII without spaces is let through.
    private static final Pattern ISSUER_FORM = Pattern.compile("[\\x21-\\x7e]{1,300}");

    private final Metrics metrics;
    private final Supplier<Set<String>> serviceIds;

    /** {@code serviceIds}: the ids of the services in the catalogue now. */
    CallObserver(Metrics metrics, Supplier<Set<String>> serviceIds) {
        this.metrics = metrics;
        this.serviceIds = serviceIds;
    }

    @Override
    public void handle(Context ctx, Float millis) {
        String[] parts = ctx.path().split("/");
        if (parts.length < 2 || !parts[1].equals("cds-services")) {
            return;
        }
        String endpoint = parts.length == 2 ? "discovery" : parts.length == 4 && parts[3].equals("feedback") ? "feedback"
                : parts.length == 3 ? "service" : "other";
        String service = parts.length < 3 ? "none" : serviceIds.get().contains(parts[2]) ? parts[2] : "unknown";
        int status = ctx.statusCode();
        long nanos = (long) (millis * 1_000_000);
        metrics.call(endpoint, service, status, Duration.ofNanos(nanos));
        ACCESS.info("endpoint={} service={} status={} latencyMs={} hookInstance={} client={}", endpoint, service, status,
                Millis.of(nanos, 1), plain(ctx.attribute(CdsHooksHandlers.HOOK_INSTANCE), HOOK_INSTANCE_FORM),
                plain(ctx.attribute(ClientAuthentication.CLIENT), ISSUER_FORM));
    }

    private static String plain(Object value, Pattern form) {
        return Optional.ofNullable(value).map(Object::toString).map(v -> form.matcher(v).matches() ? v : "invalid").orElse("-");
    }
}
