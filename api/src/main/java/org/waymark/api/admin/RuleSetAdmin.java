package org.waymark.api.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.store.Database;
import org.waymark.engine.lint.Linter;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.Refusal;
import org.waymark.engine.ruleset.RuleSetLoader;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * Safe changes to which rule-set version serves. A version serves (at start-up, activation or rollback) only
 * when it passes the {@link ActivationGate}; otherwise the version serving keeps serving and the refusal is
 * logged and reported in health. Every change is first recorded in the store (who, when, from, to), so a
 * restart serves the recorded version, then applied as one atomic snapshot swap, so a request in flight
 * finishes on the version it started with. Changes are serialised: the log's from-to chain never breaks.
 * Activation also needs the version's approval ({@link VersionSignOff}) unless the server runs in development mode;
 * rollback returns to a version that served before and needs none.
 */
public final class RuleSetAdmin {
    static final String ACTIVATE = "activate";
    static final String ROLLBACK = "rollback";
    static final String START_UP = "start-up";
    private static final String START_UP_ACTOR = "waymark (start-up)";
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetAdmin.class);

    private final RuleSetRegistry registry;
    private final ActivationLog log;
    private final RefusalLog refusals;
    private final ActivationGate gate;
    private final GatePasses passes;
    private final PathwayService pathways;
    private final Linter linter;
    private final VersionReviews reviews;
    private final boolean devMode;
    private final Clock clock;
    private final Object changes = new Object();
    private int checkedAtStartup;

    /** A version activates only once approved, except in {@code devMode}, where a draft activates with a warning. */
    public RuleSetAdmin(RuleSetRegistry registry, PathwayService pathways, Database db, Linter linter, boolean devMode, Clock clock) {
        this.registry = registry;
        this.log = new ActivationLog(db);
        this.refusals = new RefusalLog(db);
        this.gate = new ActivationGate(pathways, linter);
        this.passes = new GatePasses(db);
        this.pathways = pathways;
        this.linter = linter;
        this.reviews = new VersionReviews(db);
        this.devMode = devMode;
        this.clock = clock;
    }

    /** An activation, and the warning given when development mode activated a version nobody approved. */
    public record Activated(ActivationLog.Entry entry, Optional<String> warning) {
    }

    /** Why {@code candidate} may not serve (compilation, lint, scenarios); empty when it may. */
    List<String> checks(RuleSets snapshot, RuleSetVersion candidate) {
        return gate.refusals(snapshot, candidate);
    }

    Clock clock() {
        return clock;
    }

    public RuleSets current() {
        return registry.current();
    }

    RuleSetRegistry registry() {
        return registry;
    }

    public List<ActivationLog.Entry> history(String id) {
        return log.history(id);
    }

    /**
     * Chooses what serves before the server answers. For each rule set, the first version that passes the gate
     * of: the version the store records as active, then the earlier versions of its history, then the configured
     * version and the {@code status: active} versions (highest first). A version refused through the admin API is
     * never chosen. When the store's version cannot serve, the fallback is recorded so that the history stays
     * one unbroken chain. A version whose gate inputs hash to a pass kept in the store is not checked again
     * ({@link StartupGate}); the passes of the versions checked are kept.
     */
    public void serveAtStartup(Map<String, String> configured) {
        synchronized (changes) {
            Set<String> refusedByAdmin = new HashSet<>();
            for (Refusal r : refusals.current()) {
                registry.refused(r);
                refusedByAdmin.add(r.key());
            }
            RuleSets snapshot = registry.current();
            List<String> ids = List.copyOf(snapshot.ids());
            List<VersionHistory> histories = ids.stream().map(id -> VersionHistory.of(log.history(id))).toList();
            StartupGate startupGate = new StartupGate(gate, gateInputs(snapshot), passes.all(), clock);
            // Each rule set's checks replay its own scenarios and touch no store: side by side, in id order.
            List<Optional<String>> chosen = java.util.stream.IntStream.range(0, ids.size()).parallel().mapToObj(i -> {
                Set<String> candidates = new LinkedHashSet<>(histories.get(i).newestFirst());
                candidates.addAll(RuleSetRegistry.startupCandidates(snapshot, ids.get(i), configured.get(ids.get(i))));
                return candidates.stream()
                        .filter(v -> !skipRefused(ids.get(i), v, refusedByAdmin))
                        .filter(v -> passesAtStartup(startupGate, snapshot, ids.get(i), v))
                        .findFirst();
            }).toList();
            Map<String, String> active = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                Optional<String> current = histories.get(i).current();
                chosen.get(i).ifPresentOrElse(v -> active.put(id, v), () -> LOG.error("rule set {}: no version passes its checks; it will not serve", id));
                if (chosen.get(i).isPresent() && current.isPresent() && !chosen.get(i).equals(current)) {
                    recordFallback(new ActivationLog.Entry(id, current, chosen.get(i).get(), START_UP_ACTOR, START_UP, clock.instant()));
                }
            }
            startupGate.newPasses().forEach(passes::record);
            checkedAtStartup = startupGate.checked();
            registry.update(s -> new RuleSets(s.versions(), active));
            LOG.info("serving rule sets {}", new TreeMap<>(active));
        }
    }

    private static boolean skipRefused(String id, String version, Set<String> refusedByAdmin) {
        if (refusedByAdmin.contains(id + "@" + version)) {
            LOG.warn("rule set {}@{} was refused through the admin API and is not considered at start-up", id, version);
            return true;
        }
        return false;
    }

    /** Empty when the engine build or the inputs every version shares cannot be read: every version is then checked. */
    private Optional<GateInputs> gateInputs(RuleSets snapshot) {
        try {
            Optional<EngineBuild> engine = EngineBuild.running();
            return engine.isEmpty() ? Optional.empty()
                    : Optional.of(GateInputs.of(engine.get(), registry.rulesRoot().toAbsolutePath().normalize().getParent(), snapshot, pathways, linter));
        } catch (IOException | RuntimeException e) {
            LOG.warn("serving gate: cannot hash the inputs the rule sets share ({}); every version is checked", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** How many versions the last start-up checked rather than took from a kept pass. */
    int checkedAtStartup() {
        return checkedAtStartup;
    }

    private boolean passesAtStartup(StartupGate startupGate, RuleSets snapshot, String id, String version) {
        Optional<RuleSetVersion> found = snapshot.find(id, version);
        List<String> reasons = found.map(v -> startupGate.refusals(snapshot, v)).orElse(List.of("no such version folder under the rules directory"));
        if (reasons.isEmpty()) {
            return true;
        }
        refuse(new Refusal(id, version, START_UP, reasons, clock.instant()));
        return false;
    }

    private void recordFallback(ActivationLog.Entry entry) {
        try {
            log.record(entry);
            LOG.warn("rule set {}: the stored version {} cannot serve; serving {} instead", entry.ruleSet(),
                    entry.fromVersion().orElseThrow(), entry.toVersion());
        } catch (ActivationLog.ChainBroken e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Loads version folders that are new (or previously failed, or inactive) while the server runs. The
     * serving version is never replaced in place: a change goes in a new version folder and through activation. The new
     * versions share the loaded versions' compiled shared definitions whose folders are unchanged.
     */
    public List<RuleSetVersion> reload() {
        RuleSets before = registry.current();
        RuleSetLoader loader = registry.loader();
        List<RuleSetVersion> loaded = new ArrayList<>();
        for (Path folder : RuleSetRegistry.versionFolders(registry.rulesRoot())) {
            String id = folder.getParent().getFileName().toString();
            String version = folder.getFileName().toString();
            boolean serving = before.active(id).map(a -> a.version().equals(version)).orElse(false);
            if (!serving && before.compiled(id, version).isEmpty()) {
                loaded.add(loader.load(folder));
            }
        }
        registry.update(s -> s.withVersions(loaded));
        loaded.forEach(v -> LOG.info("reloaded rule set {} ({})", v.key(), v instanceof CompiledRuleSet ? "compiled" : "failed"));
        return loaded;
    }

    /**
     * Serves {@code version} once a clinical safety officer approved it (see {@link VersionSignOff}); in development
     * mode an unapproved version serves too, with a warning. The version passes the {@link ActivationGate} either way.
     */
    public Activated activate(String id, String version, String actor) throws ActivationRefused {
        synchronized (changes) {
            RuleSetVersion candidate = registry.current().find(id, version)
                    .orElseThrow(() -> new ActivationRefused("no loaded version " + id + "@" + version + " (reload first?)", List.of()));
            if (registry.current().active(id).map(a -> a.version().equals(version)).orElse(false)) {
                throw new ActivationRefused(id + "@" + version + " is already the active version", List.of());
            }
            Optional<String> unapproved = unapproved(id, version);
            if (unapproved.isPresent() && !devMode) {
                throw new ActivationRefused(unapproved.get(), List.of("activation needs the approval of a clinical safety officer who is not its author:"
                        + " an author submits it (POST /admin/rule-sets/" + id + "/versions/" + version + "/submit), a safety officer approves it"
                        + " (.../approve); only a server in --dev mode activates a draft"));
            }
            Optional<String> warning = unapproved.map(why -> why + "; activated anyway because this server runs in --dev mode");
            warning.ifPresent(w -> LOG.warn("rule set {}@{}: {}", id, version, w));
            return new Activated(switchTo(candidate, actor, ACTIVATE), warning);
        }
    }

    /** Why the version is not approved for activation; empty once a safety officer approved it. */
    private Optional<String> unapproved(String id, String version) {
        Optional<VersionReviews.Review> review = reviews.find(id, version);
        if (review.isEmpty()) {
            return Optional.of(id + "@" + version + " is a draft: nobody submitted it for review");
        }
        if (!review.get().approved()) {
            return Optional.of(id + "@" + version + " was submitted by " + review.get().submittedBy() + " but no clinical safety officer has approved it");
        }
        return Optional.empty();
    }

    /** Goes one step back through the history: to the version that served before the current one. */
    public ActivationLog.Entry rollback(String id, String actor) throws ActivationRefused {
        synchronized (changes) {
            VersionHistory history = VersionHistory.of(log.history(id));
            String current = history.current()
                    .orElseThrow(() -> new ActivationRefused("no activation of " + id + " to roll back", List.of()));
            String previous = history.previous().orElseThrow(() -> new ActivationRefused("nothing to roll back to: " + id + "@" + current
                    + " is the first version in the activation history (GET /admin/rule-sets/" + id + "/activations)", List.of()));
            RuleSetVersion target = registry.current().find(id, previous)
                    .orElseThrow(() -> new ActivationRefused(id + "@" + previous + " is no longer loaded", List.of()));
            return switchTo(target, actor, ROLLBACK);
        }
    }

    private ActivationLog.Entry switchTo(RuleSetVersion target, String actor, String kind) throws ActivationRefused {
        String id = target.id();
        List<String> reasons = gate.refusals(registry.current(), target);
        if (!reasons.isEmpty()) {
            Refusal refusal = new Refusal(id, target.version(), kind.equals(ACTIVATE) ? "activation" : kind, reasons, clock.instant());
            refusals.record(refusal);
            refuse(refusal);
            throw new ActivationRefused(target.key() + " is refused: " + reasons.size() + " problems (failing scenarios, lint or compilation)",
                    reasons);
        }
        Optional<String> from = registry.current().active(id).map(CompiledRuleSet::version);
        ActivationLog.Entry entry = new ActivationLog.Entry(id, from, target.version(), actor, kind, clock.instant());
        try {
            log.record(entry);
        } catch (ActivationLog.ChainBroken e) {
            throw new ActivationRefused(e.getMessage(), List.of());
        }
        registry.update(s -> s.withActive(id, target.version()));
        refusals.clear(id, target.version(), entry.at());
        registry.cleared(id, target.version());
        LOG.info("rule set {} {} from {} to {} by {}", id, kind, from.orElse("(none)"), target.version(), actor);
        return entry;
    }

    private void refuse(Refusal r) {
        registry.refused(r);
        // The reasons name files, lines and scenarios of the rule set, never patient data.
        LOG.error("rule set {} refused at {}: {}", r.key(), r.phase(), String.join(" | ", r.reasons()));
    }
}
