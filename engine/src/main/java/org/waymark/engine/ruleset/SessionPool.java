package org.waymark.engine.ruleset;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.waymark.engine.util.Require;

/**
 * The reused sessions of one compiled KieBase (a rule-set version or a shared definition), and each rule's metadata,
 * read once. A new session builds memory for every node of the network, which costs more than evaluating a small record,
 * so a session goes back to the pool after a call.
 *
 * <p>The pool lives with the version it serves rather than in a map of the evaluator's: every evaluator shares it, and it
 * goes when its version goes (a map keyed weakly by KieBase would never let go, as a Drools pool refers to its KieBase).
 * Versions stay loaded after they stop serving (rollback returns to them), so the registry also {@link #retire retires}
 * the pool of each version that no longer serves. Drools' {@code shutdown} disposes every session of a pool, those on
 * loan too, so a retired pool is shut down only when the last call using it gives its session back: a call in flight
 * finishes on the version it started with. A later call on a retired version (a rollback, a shadow or check run) starts
 * a new pool.
 */
public final class SessionPool {
    private static final int SIZE = Runtime.getRuntime().availableProcessors();

    private final KieBase kieBase;
    private final Map<Rule, RuleMetadata> metadata = new ConcurrentHashMap<>();
    private final MatchableEntries matchable;
    private final FiringPrerequisites prerequisites;
    /** The Drools pool sessions are lent from; null before the first call and after retirement. Guarded by this. */
    private Lending current;
    /** Drools pools not shut down yet: the current one and retired ones with sessions on loan. Guarded by this. */
    private int open;

    /** One Drools pool and how many of its sessions are on loan. */
    private static final class Lending {
        private final KieSessionsPool pool;
        private int lent;

        private Lending(KieSessionsPool pool) {
            this.pool = pool;
        }
    }

    public SessionPool(KieBase kieBase) {
        Require.nonNull("kieBase", kieBase);
        this.kieBase = kieBase;
        this.matchable = MatchableEntries.of(kieBase);
        this.prerequisites = FiringPrerequisites.of(kieBase);
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** Which record entries some pattern of the KieBase could match, read once from its network. */
    public MatchableEntries matchable() {
        return matchable;
    }

    /** The facts each rule needs before it can fire, read once from the network: a session none could fire in is left out. */
    public FiringPrerequisites prerequisites() {
        return prerequisites;
    }

    /** Rules are equal by package and name, so the map is per KieBase: a reloaded version has its own. */
    public RuleMetadata metadata(Rule rule) {
        return metadata.computeIfAbsent(rule, RuleMetadata::of);
    }

    /** A session for one evaluation; dispose of it (back to the pool), then close the lease. */
    public Lease lease() {
        Lending from;
        synchronized (this) {
            if (current == null) {
                current = new Lending(kieBase.newKieSessionsPool(SIZE));
                open++;
            }
            from = current;
            from.lent++;
        }
        // Outside the lock: the first session of a pool is built here, and the lease already keeps the pool open.
        try {
            return new Lease(from, from.pool.newKieSession());
        } catch (RuntimeException e) {
            giveBack(from);
            throw e;
        }
    }

    /** Lets the sessions go: now if none is on loan, else when the last is given back. */
    synchronized void retire() {
        Lending retired = current;
        current = null;
        if (retired != null && retired.lent == 0) {
            shutDown(retired);
        }
    }

    /** Drools pools not shut down yet (tests: 1 while the version serves, 0 once retired and idle). */
    synchronized int openPools() {
        return open;
    }

    private synchronized void giveBack(Lending from) {
        from.lent--;
        if (from.lent == 0 && from != current) {
            shutDown(from);
        }
    }

    private void shutDown(Lending lending) {
        lending.pool.shutdown();
        open--;
    }

    /** A session on loan from the pool. */
    public final class Lease implements AutoCloseable {
        private final Lending from;
        private final KieSession session;
        private boolean closed;

        private Lease(Lending from, KieSession session) {
            this.from = from;
            this.session = session;
        }

        public KieSession session() {
            return session;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                giveBack(from);
            }
        }
    }
}
