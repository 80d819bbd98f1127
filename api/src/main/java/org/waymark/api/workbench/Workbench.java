package org.waymark.api.workbench;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.waymark.api.admin.ActivationRefused;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.admin.AdminIdentity;
import org.waymark.api.admin.RuleSetAdmin;
import org.waymark.api.admin.ShadowEvaluation;
import org.waymark.api.cdshooks.Card;
import org.waymark.api.cdshooks.CardFactory;
import org.waymark.api.http.ApiException;
import org.waymark.api.http.Route;
import org.waymark.engine.docs.VersionGuide;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.Scenario;
import org.waymark.engine.scenario.ScenarioException;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.scenario.ScenarioRunner;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.pathways.scenario.Replay;

/**
 * The clinical lead's workbench at {@code /workbench}: server-rendered pages over the same services the admin API uses.
 * Rule sets and versions with their generated guide (rules, rationale, sources, parameters, value sets), running a
 * version's scenarios, card previews as an EHR shows them, shadow results, activation and rollback. Sign-in takes an
 * admin token once; every page after that needs the session, and every form its session's form token.
 */
public record Workbench(RuleSetAdmin admin, PathwayService pathways, ShadowEvaluation shadows, AdminAuth auth, Sessions sessions,
                        CardFactory cards, Path repository) {
    static final String COOKIE = "waymark-workbench";
    private static final String SESSION = "waymark.workbenchSession";

    public static Workbench create(RuleSetAdmin admin, PathwayService pathways, ShadowEvaluation shadows, AdminAuth auth,
                                   CardFactory cards, Path repository, java.time.Clock clock) {
        return new Workbench(admin, pathways, shadows, auth, new Sessions(clock), cards, repository);
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/workbench", this::home),
                Route.post("/workbench/sign-in", this::signIn),
                Route.post("/workbench/sign-out", this::signOut),
                Route.get("/workbench/rule-sets/{id}/{version}", this::version),
                Route.post("/workbench/rule-sets/{id}/{version}/replay", this::replay),
                Route.get("/workbench/rule-sets/{id}/{version}/scenarios/{scenario}", this::preview),
                Route.post("/workbench/rule-sets/{id}/{version}/activate", this::activate),
                Route.post("/workbench/rule-sets/{id}/rollback", this::rollback));
    }

    /**
     * Runs before every workbench route: pages carry no script and are never cached; every page but the sign-in needs a
     * session, and every form post its session's form token.
     */
    public void guard(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        boolean open = ctx.path().equals("/workbench") || ctx.path().equals("/workbench/sign-in");
        Optional<Sessions.Session> session = sessions.find(ctx.cookie(COOKIE));
        if (session.isEmpty() && !open) {
            if (ctx.method().name().equals("GET")) {
                ctx.redirect("/workbench", io.javalin.http.HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
                return;
            }
            throw new ApiException(401, "sign in to the workbench at /workbench");
        }
        if (session.isPresent() && ctx.method().name().equals("POST") && !ctx.path().equals("/workbench/sign-in")
                && !session.get().formTokenMatches(ctx.formParam("formToken"))) {
            throw new ApiException(403, "this form did not come from your workbench session; reload the page and try again");
        }
        session.ifPresent(s -> ctx.attribute(SESSION, s));
    }

    private static Optional<Sessions.Session> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION));
    }

    private static void page(Context ctx, String title, String body) {
        Sessions.Session s = ctx.attribute(SESSION);
        ctx.html(Html.page(title, s == null ? null : s.actor(), s == null ? null : s.formToken(), body));
    }

    private void home(Context ctx) {
        if (session(ctx).isEmpty()) {
            page(ctx, "Sign in", "<p>Sign in with your Waymark admin token. It is checked once and not kept.</p>"
                    + "<form method=\"post\" action=\"/workbench/sign-in\"><p><label for=\"token\">Admin token</label><br>"
                    + "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required size=\"40\"></p>"
                    + "<p><button id=\"sign-in\" type=\"submit\">Sign in</button></p></form>");
            return;
        }
        RuleSets current = admin.current();
        StringBuilder rows = new StringBuilder();
        for (RuleSetVersion v : current.versions().stream().sorted(java.util.Comparator.comparing(RuleSetVersion::key)).toList()) {
            boolean active = current.active(v.id()).map(a -> a.version().equals(v.version())).orElse(false);
            String state = v instanceof CompiledRuleSet c ? (active ? "active" : c.manifest().status().name().toLowerCase(java.util.Locale.ROOT))
                    : "failed to load";
            rows.append("<tr><td><a href=\"/workbench/rule-sets/").append(Html.escape(v.id())).append('/').append(Html.escape(v.version()))
                    .append("\">").append(Html.escape(v.id())).append(' ').append(Html.escape(v.version())).append("</a></td><td>")
                    .append(Html.escape(state)).append("</td></tr>");
        }
        page(ctx, "Rule sets", "<table><caption>Rule-set versions loaded by this server</caption>"
                + "<tr><th scope=\"col\">version</th><th scope=\"col\">state</th></tr>" + rows + "</table>");
    }

    private void signIn(Context ctx) {
        Optional<AdminIdentity> actor = auth.identityFor(Optional.ofNullable(ctx.formParam("token")).orElse("").strip());
        if (actor.isEmpty()) {
            ctx.status(401);
            page(ctx, "Sign in", "<p class=\"notice\" role=\"alert\">That admin token is not known.</p><p><a href=\"/workbench\">Try again</a></p>");
            return;
        }
        Sessions.Session s = sessions.open(actor.get());
        Cookie cookie = new Cookie(COOKIE, s.id(), "/workbench", (int) Sessions.IDLE.toSeconds(), ctx.scheme().equals("https"), true,
                null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.redirect("/workbench", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        session(ctx).ifPresent(s -> sessions.close(s.id()));
        ctx.removeCookie(COOKIE, "/workbench");
        ctx.redirect("/workbench", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private CompiledRuleSet compiled(Context ctx) {
        String id = ctx.pathParam("id");
        String version = ctx.pathParam("version");
        return admin.current().compiled(id, version)
                .orElseThrow(() -> new ApiException(404, id + "@" + version + " is not a loaded, compiled rule-set version"));
    }

    private void version(Context ctx) {
        CompiledRuleSet rs = compiled(ctx);
        String token = session(ctx).map(Sessions.Session::formToken).orElse(null);
        String base = "/workbench/rule-sets/" + rs.id() + "/" + rs.version();
        boolean active = admin.current().active(rs.id()).map(a -> a.version().equals(rs.version())).orElse(false);
        StringBuilder body = new StringBuilder();
        body.append("<p>").append(active ? "<strong>Active</strong>: this version answers calls." : "Not active.").append("</p><p>")
                .append(Html.button(base + "/replay", "Run scenarios", token)).append(' ');
        if (!active) {
            body.append(Html.button(base + "/activate", "Activate " + rs.version(), token)).append(' ');
        }
        body.append(Html.button("/workbench/rule-sets/" + rs.id() + "/rollback", "Roll back " + rs.id(), token)).append("</p>");
        body.append("<h2>Scenarios</h2><ul>");
        for (Path f : scenarios(rs)) {
            String id = Replay.idOf(f);
            body.append("<li><a href=\"").append(Html.escape(base + "/scenarios/" + id)).append("\">Preview cards: ")
                    .append(Html.escape(id)).append("</a></li>");
        }
        body.append("</ul>");
        shadows.candidate(rs.id()).ifPresent(candidate -> {
            List<ShadowEvaluation.Difference> calls = shadows.differences(rs.id());
            body.append("<h2>Shadow</h2><p>").append(Html.escape(rs.id())).append(' ').append(Html.escape(candidate))
                    .append(" is shadowing: ").append(calls.size()).append(" live calls would have been answered differently.</p>");
        });
        try {
            body.append("<h2>Guide</h2>").append(Html.markdown(VersionGuide.forVersion(rs, repository)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page(ctx, rs.manifest().title() + " " + rs.version(), body.toString());
    }

    private static List<Path> scenarios(CompiledRuleSet rs) {
        Path folder = rs.folder().resolve("scenarios");
        try {
            return Files.isDirectory(folder) ? ScenarioLoader.find(folder) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void replay(Context ctx) {
        CompiledRuleSet rs = compiled(ctx);
        List<Replay.Outcome> outcomes = new Replay(admin.current(), pathways, Optional.of(rs)).run(scenarios(rs));
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        StringBuilder rows = new StringBuilder();
        for (Replay.Outcome o : outcomes) {
            String detail = o.error().orElseGet(() -> o.result().map(r -> String.join("; ", r.differences())).orElse(""));
            rows.append("<tr><td class=\"").append(o.passed() ? "pass\">PASS" : "fail\">FAIL").append("</td><td>").append(Html.escape(o.id()))
                    .append("</td><td>").append(Html.escape(o.title())).append("</td><td>").append(Html.escape(detail)).append("</td></tr>");
        }
        page(ctx, "Scenarios of " + rs.key(), "<p id=\"replay-summary\" role=\"status\">" + outcomes.size() + " scenarios: "
                + (outcomes.size() - failed) + " passed, " + failed + " failed</p><table><caption>Replay of every scenario in the version's "
                + "scenarios folder</caption><tr><th scope=\"col\">result</th><th scope=\"col\">scenario</th><th scope=\"col\">title</th>"
                + "<th scope=\"col\">difference</th></tr>" + rows + "</table><p><a href=\"/workbench/rule-sets/" + Html.escape(rs.id()) + "/"
                + Html.escape(rs.version()) + "\">Back to " + Html.escape(rs.key()) + "</a></p>");
    }

    /** The cards a scenario's patient gets from this version, drawn as an EHR shows CDS Hooks cards. */
    private void preview(Context ctx) {
        CompiledRuleSet rs = compiled(ctx);
        Path file = scenarios(rs).stream().filter(f -> Replay.idOf(f).equals(ctx.pathParam("scenario"))).findFirst()
                .orElseThrow(() -> new ApiException(404, "no scenario " + ctx.pathParam("scenario") + " in " + rs.key()));
        List<Card> shown;
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(file);
            shown = new ScenarioRunner(pathways).assess(scenario, List.of(rs)).recommendations().stream().map(cards::card).toList();
        } catch (ScenarioException e) {
            throw ApiException.badRequest(e.getMessage(), "scenario");
        }
        String body = "<p>" + Html.escape(scenario.title()) + " (as of " + Html.escape(scenario.asOf().toString()) + ")</p>"
                + (shown.isEmpty() ? "<p>No cards.</p>" : shown.stream().map(Workbench::card).collect(Collectors.joining()))
                + "<p><a href=\"/workbench/rule-sets/" + Html.escape(rs.id()) + "/" + Html.escape(rs.version()) + "\">Back to "
                + Html.escape(rs.key()) + "</a></p>";
        page(ctx, "Card preview", body);
    }

    static String card(Card c) {
        StringBuilder out = new StringBuilder("<section class=\"card " + Html.escape(c.indicator()) + "\" aria-label=\""
                + Html.escape(c.indicator() + " card: " + c.summary()) + "\">");
        out.append("<p class=\"summary\">").append(Html.escape(c.summary())).append("</p>");
        out.append("<div class=\"detail\">").append(Html.markdown(c.detail())).append("</div>");
        for (var s : c.suggestions()) {
            out.append("<p><button type=\"button\" class=\"secondary\" disabled>").append(Html.escape(s.label())).append("</button></p>");
        }
        for (Card.Link l : c.links()) {
            out.append("<p><a href=\"").append(Html.escape(l.url())).append("\">").append(Html.escape(l.label())).append("</a></p>");
        }
        out.append("<p class=\"source\">").append(Html.escape(c.source().label())).append("</p></section>");
        return out.toString();
    }

    private void activate(Context ctx) {
        CompiledRuleSet rs = compiled(ctx);
        Optional<String> actor = operator(ctx);
        if (actor.isEmpty()) {
            return;
        }
        try {
            RuleSetAdmin.Activated done = admin.activate(rs.id(), rs.version(), actor.get());
            var entry = done.entry();
            page(ctx, "Activated", "<p role=\"status\" id=\"outcome\">" + Html.escape(rs.id()) + " now serves " + Html.escape(entry.toVersion())
                    + " (was " + Html.escape(entry.fromVersion().orElse("none")) + "), by " + Html.escape(actor.get()) + ".</p>"
                    + done.warning().map(w -> "<p class=\"notice\" role=\"alert\">" + Html.escape(w) + "</p>").orElse("")
                    + "<p><a href=\"/workbench\">Rule sets</a></p>");
        } catch (ActivationRefused e) {
            refused(ctx, e);
        }
    }

    private void rollback(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<String> actor = operator(ctx);
        if (actor.isEmpty()) {
            return;
        }
        try {
            var entry = admin.rollback(id, actor.get());
            page(ctx, "Rolled back", "<p role=\"status\" id=\"outcome\">" + Html.escape(id) + " now serves " + Html.escape(entry.toVersion())
                    + " again, by " + Html.escape(actor.get()) + ".</p><p><a href=\"/workbench\">Rule sets</a></p>");
        } catch (ActivationRefused e) {
            refused(ctx, e);
        }
    }

    /** The signed-in operator's name; for anyone else a 403 page naming the role (as the admin API answers). */
    private Optional<String> operator(Context ctx) {
        Sessions.Session s = session(ctx).orElseThrow();
        if (s.holds(AdminAuth.Role.OPERATOR)) {
            return Optional.of(s.actor());
        }
        ctx.status(403);
        page(ctx, "Refused", "<p class=\"notice\" role=\"alert\" id=\"outcome\">Activation and rollback need the role operator; "
                + Html.escape(s.actor()) + " does not hold it.</p><p><a href=\"/workbench\">Rule sets</a></p>");
        return Optional.empty();
    }

    private static void refused(Context ctx, ActivationRefused e) {
        ctx.status(409);
        page(ctx, "Refused", "<p class=\"notice\" role=\"alert\" id=\"outcome\">" + Html.escape(e.getMessage()) + "</p><ul>"
                + e.reasons().stream().map(r -> "<li>" + Html.escape(r) + "</li>").collect(Collectors.joining()) + "</ul>"
                + "<p><a href=\"/workbench\">Rule sets</a></p>");
    }
}
