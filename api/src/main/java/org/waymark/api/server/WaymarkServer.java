package org.waymark.api.server;

import static org.waymark.api.admin.AdminAuth.Role.ANY_ADMIN;

import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.audit.AuditSearch;
import org.waymark.api.audit.AuditTrail;
import org.waymark.api.audit.CallAudit;
import org.waymark.api.audit.FeedbackHandler;
import org.waymark.api.audit.FeedbackStore;
import org.waymark.api.auth.ClientAuthentication;
import org.waymark.api.auth.ClientTokenVerifier;
import org.waymark.api.auth.HttpJwksFetcher;
import org.waymark.api.auth.SeenTokenIds;
import org.waymark.api.auth.SignatureProvider;
import org.waymark.api.auth.TrustedClients;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.explain.ExplainOption;
import org.waymark.api.admin.AdminHandlers;
import org.waymark.api.admin.KeptKnowledgeFiles;
import org.waymark.api.admin.OperationsHandlers;
import org.waymark.api.admin.RuleSetAdmin;
import org.waymark.api.admin.ShadowEvaluation;
import org.waymark.api.admin.SignOffHandlers;
import org.waymark.api.admin.VersionSignOff;
import org.waymark.api.cdshooks.CardFactory;
import org.waymark.api.cdshooks.CdsHooksHandlers;
import org.waymark.api.cdshooks.CdsServiceCatalog;
import org.waymark.api.cdshooks.FhirServerFetcher;
import org.waymark.api.cdshooks.HookInvocation;
import org.waymark.api.cdshooks.OfferedServices;
import org.waymark.api.cdshooks.PrefetchReader;
import org.waymark.api.cdshooks.TimeOrderedUuids;
import org.waymark.api.cdshooks.WarmUp;
import org.waymark.api.http.ApiException;
import org.waymark.api.http.ErrorPolicy;
import org.waymark.api.http.Json;
import org.waymark.api.http.RequestCharset;
import org.waymark.api.ops.HealthCheck;
import org.waymark.api.ops.HealthChecks;
import org.waymark.api.ops.HealthHandler;
import org.waymark.api.ops.Metrics;
import org.waymark.api.store.Database;
import org.waymark.api.store.StoreWriter;
import org.waymark.api.workbench.Workbench;
import org.waymark.api.store.StoreBackup;
import org.waymark.engine.privacy.PatientKeys;
import org.waymark.engine.lint.Linter;
import org.waymark.engine.ruleset.KeptKnowledge;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;

/** Wires the HTTP routes to their handlers. Routes: discovery, service calls and feedback (client JWT), health, rule-set admin and sign-off, metrics, audit and backup (admin identities with roles). */
public final class WaymarkServer {
    private static final Logger LOG = LoggerFactory.getLogger(WaymarkServer.class);

    /** How long a stop waits for calls in flight when not told otherwise. */
    public static final java.time.Duration DEFAULT_SHUTDOWN_GRACE = java.time.Duration.ofSeconds(10);

    private final Javalin app;
    private final RuleSetRegistry registry;
    private final AuditTrail auditTrail;
    private final StoreWriter storeWriter;
    private final Database database;
    private final WarmUp warmUp;
    private final Clock clock;
    // Where start() listens; read by the connector factory Javalin calls while starting.
    private final AtomicReference<Endpoint> endpoint;

    private WaymarkServer(Javalin app, RuleSetRegistry registry, AuditTrail auditTrail, StoreWriter storeWriter, Database database,
                          WarmUp warmUp, Clock clock, AtomicReference<Endpoint> endpoint) {
        this.app = app;
        this.registry = registry;
        this.auditTrail = auditTrail;
        this.storeWriter = storeWriter;
        this.database = database;
        this.warmUp = warmUp;
        this.clock = clock;
        this.endpoint = endpoint;
    }

    public static WaymarkServer create(ServerSettings settings) {
        Optional<KeptKnowledgeFiles> kept = KeptKnowledgeFiles.in(settings.dataDir());
        RuleSetRegistry registry = RuleSetRegistry.load(settings.rulesDir(), settings.activeVersions(), kept.<KeptKnowledge>map(k -> k).orElse(KeptKnowledge.NONE));
        kept.ifPresent(KeptKnowledgeFiles::forgetOthers);
        PathwayRegistry pathways = PathwayRegistry.load(settings.pathwaysDir());
        return create(settings, registry, pathways);
    }

    public static WaymarkServer create(ServerSettings settings, RuleSetRegistry registry, PathwayRegistry pathways) {
        PathwayService pathwayService = new PathwayService(pathways);
        Database database = settings.databaseUrl().map(url -> Database.open(url, null, null))
                .orElseGet(() -> Database.embedded(settings.dataDir()));
        PatientKeys keys = PatientKeys.forInstallation(settings.dataDir(), settings.store().pseudonymKey());
        ShadowEvaluation shadows = new ShadowEvaluation(database, keys);
        StoreWriter storeWriter = new StoreWriter(database);
        AuditTrail auditTrail = new AuditTrail(database, storeWriter, settings.clock());
        CallAudit audit = new CallAudit(auditTrail, keys, settings.clock());
        Optional<TrustedClients> clients = settings.clientsFile().map(f -> trustedClients(f, settings.devMode()));
        Optional<SeenTokenIds> seenTokenIds = clients.map(c -> new SeenTokenIds(storeWriter));
        ClientAuthentication clientAuth = new ClientAuthentication(clients.map(c -> verifier(c, settings, seenTokenIds.orElseThrow())),
                settings.publicUrls());
        CdsServiceCatalog catalog = CdsServiceCatalog.load(settings.rulesDir().resolve("services.yaml"));
        HookInvocation invocation = new HookInvocation(registry, pathwayService, catalog,
                new PrefetchReader(new FhirServerFetcher(clients, settings.devMode())), new CardFactory(new TimeOrderedUuids(settings.clock())));
        Path repoRoot = settings.rulesDir().toAbsolutePath().normalize().getParent();
        RuleSetAdmin ruleSetAdmin = new RuleSetAdmin(registry, pathwayService, database,
                new Linter(repoRoot, repoRoot.resolve("docs/recommendations.md"), Linter.codesOf(registry::current, pathwayService)),
                settings.devMode(), settings.clock());
        ruleSetAdmin.serveAtStartup(settings.activeVersions());
        FeedbackStore feedback = new FeedbackStore(database);
        AdminAuth adminAuth = new AdminAuth(settings.admins());
        VersionSignOff signOff = new VersionSignOff(ruleSetAdmin, database);
        AdminHandlers admin = new AdminHandlers(ruleSetAdmin, signOff, shadows, feedback);
        SignOffHandlers signOffs = new SignOffHandlers(signOff);
        Workbench workbench = Workbench.create(ruleSetAdmin, signOff, pathwayService, shadows, adminAuth, new CardFactory(new TimeOrderedUuids(settings.clock())), repoRoot,
                settings.clock());
        Metrics metrics = new Metrics(storeWriter::queueDepth, auditTrail::deadLetters, registry::current);
        OperationsHandlers ops = new OperationsHandlers(metrics, new AuditSearch(database), new StoreBackup(database));
        // An asked-for explanation first (no answer, so no record, without it), then the audit: an answered call must have
        // its record; shadow evaluation only observes.
        ExplainOption explain = new ExplainOption(pathwayService, settings.devMode());
        OfferedServices offered = new OfferedServices(catalog, registry, pathways);
        CdsHooksHandlers cds = new CdsHooksHandlers(offered, invocation, settings.clock(), settings.evaluationDeadline(),
                List.of(explain, audit, shadows));
        FeedbackHandler feedbackHandler = new FeedbackHandler(offered::services, feedback, settings.clock());
        CallObserver calls = new CallObserver(metrics, offered::ids);
        WarmUp warmUp = new WarmUp(offered::services, invocation);
        HealthHandler health = new HealthHandler(registry, List.of(HealthChecks.store(database), HealthChecks.ruleSets(registry),
                HealthChecks.pathways(pathways), HealthChecks.auditDeadLetters(auditTrail::deadLetters), HealthCheck.of("warmUp", warmUp::state)),
                auditTrail::deadLetters);
        AtomicReference<Endpoint> endpoint = new AtomicReference<>();
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(Json.javalin());
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.startup.showJavalinBanner = false;
            config.jetty.addConnector((server, http) -> Connectors.create(server, http, endpoint.get()));
            config.jetty.modifyServletContextHandler(context -> context.addFilter(
                    new BodyRateLimit(BodyRateLimit.MIN_BYTES_PER_SECOND, System::nanoTime), "/*", EnumSet.of(DispatcherType.REQUEST)));
            // Graceful stop: no new calls, calls in flight finish (up to the stop timeout set in stop()).
            config.jetty.modifyServer(server -> server.setHandler(new org.eclipse.jetty.server.handler.GracefulHandler()));
            if (!settings.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    String first = settings.corsOrigins().get(0);
                    rule.allowHost(first, settings.corsOrigins().subList(1, settings.corsOrigins().size()).toArray(String[]::new));
                    rule.exposeHeader("Server-Timing");
                }));
            }
            config.requestLogger.http(calls);
            config.routes.before("/cds-services/*", CallAudit::start);
            // After every before-handler (CORS among them), so a 401 still carries the CORS headers.
            config.routes.beforeMatched("/cds-services/*", clientAuth::check);
            config.routes.before(RequestCharset::check);
            config.routes.after("/cds-services/*", ServerTiming::write);
            // Admin authorisation, declared once: each admin and operations route names its roles, checked before it runs.
            config.routes.beforeMatched(adminAuth::check);
            config.routes.get("/cds-services", cds::discovery);
            config.routes.post("/cds-services/{id}", cds::invoke);
            config.routes.post("/cds-services/{id}/feedback", feedbackHandler::handle);
            config.routes.before("/cds-services/{id}", explain::guard);
            config.routes.after(explain::answer);
            config.routes.get("/health", health::handle);
            config.routes.get("/health/live", health::live);
            config.routes.get("/health/ready", health::ready);
            // Explaining a call reads as any admin may; the workbench guards its own pages with a signed-in session.
            Stream.of(admin.routes(), signOffs.routes(), ops.routes(), explain.adminRoutes(cds::invoke).stream().map(r -> r.withRoles(ANY_ADMIN)).toList())
                    .flatMap(List::stream)
                    .forEach(r -> config.routes.addHttpHandler(r.method(), r.path(), r.handler(), r.roleArray()));
            config.routes.before("/workbench", workbench::guard);
            config.routes.before("/workbench/*", workbench::guard);
            workbench.routes().forEach(r -> config.routes.addHttpHandler(r.method(), r.path(), r.handler()));
            ErrorPolicy.install(config.routes, audit);
            config.routes.exception(ClientAuthentication.Refused.class, (e, ctx) -> {
                // A bare 401: the reason is for the audit trail, not the caller.
                audit.refused(ctx, 401, "client authentication: " + e.getMessage());
                ctx.header("WWW-Authenticate", ClientAuthentication.CHALLENGE);
                metrics.authRefused(e.reason().label());
                ctx.status(401).result("");
            });
            config.routes.exception(AuditTrail.Unavailable.class, (e, ctx) -> {
                // No answer without its record: the evaluation is discarded.
                LOG.error("a call was not answered: {}", e.getMessage());
                ErrorPolicy.answer(ctx, new ApiException(503, "the audit trail cannot be written; the call was not answered"));
            });
        });
        return new WaymarkServer(app, registry, auditTrail, storeWriter, database, warmUp, settings.clock(), endpoint);
    }

    private static TrustedClients trustedClients(Path clientsFile, boolean allowHttp) {
        try {
            return TrustedClients.load(clientsFile, allowHttp);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot load trusted clients: " + e.getMessage(), e);
        }
    }

    private static ClientTokenVerifier verifier(TrustedClients clients, ServerSettings settings, SeenTokenIds seenTokenIds) {
        return new ClientTokenVerifier(clients, settings.clock(), java.time.Duration.ofSeconds(60),
                new HttpJwksFetcher(clients.limits().jwksTimeout(), settings.devMode()), seenTokenIds, SignatureProvider.choose());
    }

    /** Listens on all interfaces over plain HTTP; see {@link #start(Endpoint)}. */
    public WaymarkServer start(int port) {
        return start(Endpoint.http(Endpoint.ALL_INTERFACES, port));
    }

    /**
     * Listens as {@code where} says, then calls every service once (warm-up) before returning; until then
     * {@code /health/ready} answers 503.
     */
    public WaymarkServer start(Endpoint where) {
        endpoint.set(where);
        app.start();
        warmUp.run(clock.instant());
        LOG.info("Waymark listening on {}://{}:{} with rule sets {}", where.scheme(), where.host(), app.port(), registry.current().active());
        return this;
    }

    public int port() {
        return app.port();
    }

    public RuleSetRegistry registry() {
        return registry;
    }

    public AuditTrail auditTrail() {
        return auditTrail;
    }

    public void stop() {
        stop(DEFAULT_SHUTDOWN_GRACE);
    }

    /**
     * Stops accepting calls, lets calls in flight finish (each waits for its audit commit) for up to {@code grace},
     * then commits whatever is still queued for the store writer (audit entries, token ids) and closes the store.
     */
    public void stop(java.time.Duration grace) {
        LOG.info("stopping: no new calls; finishing calls in flight (up to {} ms)", grace.toMillis());
        app.jettyServer().server().setStopTimeout(grace.toMillis());
        try {
            app.stop();
        } catch (RuntimeException e) {
            // Calls still running past the grace period were cut off; they were not answered, so none is owed a record.
            LOG.warn("calls were still running after {} ms and were stopped ({})", grace.toMillis(), e.getClass().getSimpleName());
        }
        storeWriter.close();
        database.close();
        LOG.info("stopped: audit entries and token ids committed, store closed");
    }
}
