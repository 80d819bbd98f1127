package org.waymark.engine.evaluation;

import org.waymark.engine.ruleset.RuleMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.drools.core.rule.consequence.InternalMatch;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.waymark.engine.facts.Evidence;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.facts.RecordEntry;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.Parameters;
import org.waymark.engine.ruleset.RecommendationDefinition;
import org.waymark.engine.ruleset.SharedDefinition;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.engine.valueset.ValueSets;

/**
 * Evaluates a patient's record against rule-set versions as of an explicit instant. Thread-safe: the
 * KieBases are shared and every call takes its own sessions. Globals each rule sees:
 * {@code asOf} ({@link EvaluationTime}), {@code params} (the rule set's parameters) and {@code out}
 * ({@link Outcome}). Each shared definition the rule sets use is evaluated once per call, before them, with its own
 * parameters and value sets; the facts it derives go into the session of every rule set that uses it, and its firings
 * into that rule set's fired rules.
 */
public final class Evaluator {
    /** Far above any real record's firings (a 150-entry record fires about 40); bounds a looping rule set. */
    static final int MAX_FIRINGS = 10_000;
    /**
     * Per KieBase (rule-set version or shared definition): reused sessions, as a new session builds memory for every node
     * of the network, which costs more than evaluating a small record (a session goes back to its pool, reset, no facts or
     * globals left, after a clean evaluation, and is destroyed after a failed one); each rule's metadata, read once; and
     * which record entries its patterns could match, read once from its network.
     */
    private final Map<KieBase, Pooled> pooled = new ConcurrentHashMap<>();
    /** As their DRL files' paths sort (the separator appended, as in those paths). */
    private static final Comparator<SharedDefinition> BY_FOLDER = Comparator.comparing(d -> d.folder() + "/");

    /**
     * Per KieBase of a rule-set version: its rules (shared definitions' included) by id, the first of an id as listed,
     * so merging a patient's matches looks each rule up once instead of scanning the list.
     */
    private final Map<KieBase, Map<String, RuleMetadata>> rulesById = new ConcurrentHashMap<>();

    /** Reads a KieBase's matchable entries; the differential tests compare with inserting every entry. */
    private final Function<KieBase, MatchableEntries> matchable;

    public Evaluator() {
        this(MatchableEntries::of);
    }

    Evaluator(Function<KieBase, MatchableEntries> matchable) {
        this.matchable = matchable;
    }

    private record Pooled(KieSessionsPool pool, Map<Rule, RuleMetadata> metadata, MatchableEntries matchable) {
        /** Rules are equal by package and name, so the map is per KieBase: a reloaded version has its own. */
        RuleMetadata of(Rule rule) {
            return metadata.computeIfAbsent(rule, RuleMetadata::of);
        }
    }

    public Evaluation evaluate(PatientRecord record, EvaluationTime asOf, List<CompiledRuleSet> ruleSets) {
        List<Recommendation> recommendations = new ArrayList<>();
        List<FiredRule> fired = new ArrayList<>();
        Map<SharedDefinition, SharedFirings> derived = new IdentityHashMap<>();
        for (CompiledRuleSet ruleSet : ruleSets) {
            // Once per rule set, not per firing: the version is formatted from the manifest's on every call.
            String version = ruleSet.version();
            List<SharedFirings.Firing> shared = SharedFirings.inAgendaOrder(ruleSet.shared().stream().sorted(BY_FOLDER)
                    .map(d -> derived.computeIfAbsent(d, k -> derive(k, record, asOf))).toList());
            for (SharedFirings.Firing f : shared) {
                fired.add(new FiredRule(ruleSet.id(), version, f.rule().id(), f.rule().name()));
            }
            Outcome outcome = new Outcome();
            Pooled base = pooled(ruleSet.kieBase());
            fire(base, () -> "rule set " + ruleSet.key(), asOf, ruleSet.parameters(), outcome, session -> {
                session.insert(record.patient());
                insertEntries(session, record, ruleSet.valueSets(), base.matchable());
                for (SharedFirings.Firing f : shared) {
                    f.inserted().forEach(session::insert);
                }
            }, new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    RuleMetadata meta = base.of(event.getMatch().getRule());
                    fired.add(new FiredRule(ruleSet.id(), version, meta.id(), meta.name()));
                }
            }, null);
            Map<String, RuleMetadata> rules = rulesById.computeIfAbsent(ruleSet.kieBase(), k -> byId(ruleSet.rules()));
            recommendations.addAll(merge(outcome.matches(), ruleSet, version, rules, record.patient().reference()));
        }
        recommendations.sort(Comparator.comparing(Recommendation::ruleSetId)
                .thenComparing(Recommendation::indicator, Comparator.reverseOrder())
                .thenComparing(Recommendation::code));
        return new Evaluation(asOf.instant(), recommendations, fired);
    }

    /** Runs a shared definition over the record and keeps each firing with the facts its consequence inserted. */
    private SharedFirings derive(SharedDefinition definition, PatientRecord record, EvaluationTime asOf) {
        Pooled base = pooled(definition.kieBase());
        List<SharedFirings.Firing> firings = new ArrayList<>();
        List<Object> inserted = new ArrayList<>();
        RuleRuntimeEventListener onInsert = new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                inserted.add(event.getObject());
            }
        };
        AgendaEventListener onFiring = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                // The salience the agenda ordered this firing by; kie-api does not expose it.
                int salience = ((InternalMatch) event.getMatch()).getSalience();
                Rule rule = event.getMatch().getRule();
                firings.add(new SharedFirings.Firing(base.of(rule), salience, rule.getLoadOrder(), inserted));
                inserted.clear();
            }
        };
        // No card comes from a shared definition (its rules have no @code), so its outcome stays empty.
        fire(base, () -> "shared definition " + definition.key(), asOf, definition.parameters(), new Outcome(), session -> {
            session.insert(record.patient());
            insertEntries(session, record, definition.valueSets(), base.matchable());
        }, onFiring, onInsert);
        return new SharedFirings(firings);
    }

    private Pooled pooled(KieBase kieBase) {
        return pooled.computeIfAbsent(kieBase, k -> new Pooled(k.newKieSessionsPool(Runtime.getRuntime().availableProcessors()),
                new ConcurrentHashMap<>(), matchable.apply(k)));
    }

    /**
     * Each entry some pattern could match, tagged with its memberships of {@code valueSets}: the others would change
     * nothing but cost their insert (and their tagged copy).
     */
    private static void insertEntries(KieSession session, PatientRecord record, ValueSets valueSets, MatchableEntries matchable) {
        for (RecordEntry entry : record.entries()) {
            EntryTest test = matchable.test(entry);
            if (test.never()) {
                continue;
            }
            Set<String> memberships = valueSets.membershipsOf(entry.codes());
            if (test.passes(entry, memberships)) {
                session.insert(entry.withValueSets(memberships));
            }
        }
    }

    /**
     * One session from {@code base}'s pool: globals, the facts {@code insert} puts in, then every rule fired.
     * {@code onInsert} (may be null) hears only the facts the rules insert, as it is added after {@code insert} ran.
     */
    private static void fire(Pooled base, Supplier<String> what, EvaluationTime asOf, Parameters params, Outcome out, Consumer<KieSession> insert,
                             AgendaEventListener onFiring, RuleRuntimeEventListener onInsert) {
        KieSession session = base.pool().newKieSession();
        boolean clean = false;
        try {
            session.setGlobal("asOf", asOf);
            session.setGlobal("params", params);
            session.setGlobal("out", out);
            session.addEventListener(onFiring);
            insert.accept(session);
            if (onInsert != null) {
                session.addEventListener(onInsert);
            }
            int firings = session.fireAllRules(MAX_FIRINGS);
            if (firings >= MAX_FIRINGS) {
                // A rule set that keeps firing (e.g. a rule re-inserting what it matches) is stopped, never answered.
                throw new IllegalStateException(what.get() + " fired " + firings + " rules for one patient: stopped");
            }
            clean = true;
        } finally {
            session.removeEventListener(onFiring);
            if (onInsert != null) {
                session.removeEventListener(onInsert);
            }
            if (clean) {
                session.dispose();
            } else {
                session.destroy();
            }
        }
    }

    private static Map<String, RuleMetadata> byId(List<RuleMetadata> rules) {
        Map<String, RuleMetadata> byId = new HashMap<>();
        rules.forEach(r -> byId.putIfAbsent(r.id(), r));
        return byId;
    }

    /** One recommendation per code: several rules reaching the same advice merge their evidence, not repeat it. */
    private static List<Recommendation> merge(List<Outcome.Match> matches, CompiledRuleSet ruleSet, String version,
                                              Map<String, RuleMetadata> rules, String patientReference) {
        Map<String, List<Outcome.Match>> byCode = new LinkedHashMap<>();
        for (Outcome.Match m : matches) {
            byCode.computeIfAbsent(m.rule().code().orElseThrow(), c -> new ArrayList<>()).add(m);
        }
        List<Recommendation> out = new ArrayList<>();
        byCode.forEach((code, group) -> {
            RecommendationDefinition def = ruleSet.recommendations().get(code);
            Set<Evidence> evidence = new LinkedHashSet<>();
            Set<String> ruleIds = new LinkedHashSet<>();
            Set<String> sources = new LinkedHashSet<>();
            List<String> rationales = new ArrayList<>();
            Set<String> checked = new LinkedHashSet<>();
            for (Outcome.Match m : group) {
                evidence.addAll(m.evidence());
                if (ruleIds.add(m.rule().id())) {
                    rationales.add(m.rule().rationale());
                    // The wording as loaded, with the rule set's parameter values filled in.
                    RuleMetadata loaded = rules.get(m.rule().id());
                    if (loaded != null) {
                        checked.addAll(loaded.checked());
                    }
                }
                sources.addAll(m.rule().sources());
            }
            out.add(new Recommendation(code, def.title(), def.summary(), def.indicator(),
                    String.join(" ", new LinkedHashSet<>(rationales)), def.detail(), List.copyOf(evidence), ruleSet.id(),
                    version, List.copyOf(ruleIds), List.copyOf(sources),
                    SuggestionTemplates.forPatient(def.suggestions(), patientReference), List.copyOf(checked)));
        });
        return out;
    }
}
