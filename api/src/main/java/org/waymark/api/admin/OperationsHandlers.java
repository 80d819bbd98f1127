package org.waymark.api.admin;

import static org.waymark.api.admin.AdminAuth.Role.OPERATOR;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.audit.AuditQuery;
import org.waymark.api.audit.AuditSearch;
import org.waymark.api.audit.TimeRange;
import org.waymark.api.http.ApiException;
import org.waymark.api.http.Route;
import org.waymark.api.ops.Metrics;
import org.waymark.api.store.StoreBackup;

/**
 * Operators' endpoints, all for operators: {@code GET /metrics} (Prometheus), {@code GET /admin/audit}
 * (audit events by time range, service, outcome and reason) and {@code POST /admin/backup} (an online backup of the
 * embedded store, streamed back as a zip). They read the store beside the running server; nothing stops.
 */
public record OperationsHandlers(Metrics meters, AuditSearch events, StoreBackup store) {
    private static final Logger LOG = LoggerFactory.getLogger(OperationsHandlers.class);

    public List<Route> routes() {
        return List.of(Route.get("/metrics", this::metrics, OPERATOR), Route.get("/admin/audit", this::audit, OPERATOR),
                Route.post("/admin/backup", this::backup, OPERATOR));
    }

    private void metrics(Context ctx) {
        ctx.contentType(Metrics.CONTENT_TYPE).result(meters.scrape());
    }

    /** {@code ?from=&to=} (ISO-8601 instants, to exclusive), {@code service}, {@code outcome}, {@code reason} (contains), {@code limit}. */
    private void audit(Context ctx) {
        AuditQuery query;
        try {
            query = new AuditQuery(new TimeRange(instant(ctx, "from"), instant(ctx, "to")), text(ctx, "service"), text(ctx, "outcome"), text(ctx, "reason"),
                    limit(ctx));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), "query");
        }
        ctx.json(new AuditEvents(events.find(query).stream().map(AuditEvents.Event::of).toList()));
    }

    /** Streams a zip of the embedded store, taken from a consistent snapshot while the server serves. */
    private void backup(Context ctx) throws IOException {
        String actor = AdminAuth.actor(ctx);
        if (!store.supported()) {
            throw new ApiException(409, "this store is PostgreSQL: back it up with pg_dump (see docs/operations.md)");
        }
        // A private folder (0700 on POSIX), so no other user can read the backup while it is streamed.
        Path dir = Files.createTempDirectory("waymark-backup");
        Path zip = dir.resolve("waymark-backup.zip");
        try {
            store.writeTo(zip);
            ctx.contentType("application/zip").header("Content-Disposition", "attachment; filename=\"waymark-backup.zip\"");
            try (OutputStream out = ctx.outputStream()) {
                Files.copy(zip, out);
            }
            LOG.info("store backup ({} bytes) taken by {}", Files.size(zip), actor);
        } finally {
            Files.deleteIfExists(zip);
            Files.delete(dir);
        }
    }

    private static Optional<Instant> instant(Context ctx, String name) {
        return text(ctx, name).map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("'" + name + "' must be an ISO-8601 instant such as 2026-11-24T09:00:00Z", name);
            }
        });
    }

    private static Optional<String> text(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isBlank());
    }

    private static int limit(Context ctx) {
        String v = ctx.queryParam("limit");
        try {
            return v == null || v.isBlank() ? 100 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'limit' must be a whole number", "limit");
        }
    }
}
