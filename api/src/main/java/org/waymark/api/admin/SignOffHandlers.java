package org.waymark.api.admin;

import static org.waymark.api.admin.AdminAuth.Role.ANY_ADMIN;
import static org.waymark.api.admin.AdminAuth.Role.AUTHOR;
import static org.waymark.api.admin.AdminAuth.Role.SAFETY_OFFICER;

import io.javalin.http.Context;
import java.util.List;
import org.waymark.api.http.ApiException;
import org.waymark.api.http.Route;

/**
 * Thin HTTP handlers for a version's sign-off ({@code /admin/rule-sets/{id}/versions/{version}/...}); the work is in
 * {@link VersionSignOff}. Authors submit, clinical safety officers approve, any admin reads the evidence pack.
 */
public record SignOffHandlers(VersionSignOff signOff) {
    private static final String VERSION = "/admin/rule-sets/{id}/versions/{version}";

    public List<Route> routes() {
        return List.of(
                Route.post(VERSION + "/submit", this::submit, AUTHOR),
                Route.post(VERSION + "/approve", this::approve, SAFETY_OFFICER),
                Route.get(VERSION + "/evidence", this::evidence, ANY_ADMIN));
    }

    private void submit(Context ctx) {
        try {
            ctx.json(signOff.submit(ctx.pathParam("id"), ctx.pathParam("version"), AdminAuth.actor(ctx)));
        } catch (ActivationRefused e) {
            throw e.conflict();
        }
    }

    /** Body {@code {"evidenceSha256": "<hex>"}}: the SHA-256 of the pack the safety officer read (its sign-off section names it). */
    private void approve(Context ctx) {
        String sha = AdminHandlers.body(ctx).path("evidenceSha256").asText("").strip();
        if (!sha.matches("[0-9a-fA-F]{64}")) {
            throw ApiException.badRequest("'evidenceSha256' is required: the SHA-256 of the evidence pack you approve, as its sign-off section gives it",
                    "evidenceSha256");
        }
        try {
            ctx.json(signOff.approve(ctx.pathParam("id"), ctx.pathParam("version"), AdminAuth.actor(ctx), sha));
        } catch (ActivationRefused e) {
            throw e.conflict();
        }
    }

    private void evidence(Context ctx) {
        String id = ctx.pathParam("id");
        String version = ctx.pathParam("version");
        String pack = signOff.evidence(id, version).orElseThrow(() -> new ApiException(404, id + "@" + version
                + " has no evidence pack: it is generated when an author submits the version for review"));
        ctx.contentType("text/markdown; charset=utf-8").result(pack);
    }
}
