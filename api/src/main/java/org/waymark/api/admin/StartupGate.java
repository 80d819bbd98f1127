package org.waymark.api.admin;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;

/**
 * The serving gate for one start-up: a compiled version whose inputs hash to a pass kept in the store passed before
 * with the same bytes and engine, so it is not checked again; any other version is checked, and a pass is noted for
 * keeping. A failure is never kept, so a version that failed is checked at every start. Safe to call side by side.
 */
final class StartupGate {
    private static final Logger LOG = LoggerFactory.getLogger(StartupGate.class);

    private final ActivationGate gate;
    private final Optional<GateInputs> inputs;
    private final Set<String> kept;
    private final Clock clock;
    private final Queue<GatePasses.Pass> passed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger checked = new AtomicInteger();

    /** {@code inputs} empty: nothing is taken or kept (the engine build could not be fingerprinted). */
    StartupGate(ActivationGate gate, Optional<GateInputs> inputs, Set<String> kept, Clock clock) {
        this.gate = gate;
        this.inputs = inputs;
        this.kept = Set.copyOf(kept);
        this.clock = clock;
    }

    List<String> refusals(RuleSets snapshot, RuleSetVersion candidate) {
        Optional<String> sha256 = candidate instanceof CompiledRuleSet rs ? inputs.flatMap(i -> hash(i, rs)) : Optional.empty();
        if (sha256.isPresent() && kept.contains(sha256.get())) {
            LOG.info("serving gate: rule set {} passed before with the same content and engine (sha256 {}), not replayed", candidate.key(),
                    sha256.get());
            return List.of();
        }
        checked.incrementAndGet();
        List<String> reasons = gate.refusals(snapshot, candidate);
        if (reasons.isEmpty()) {
            sha256.ifPresent(s -> passed.add(new GatePasses.Pass(s, candidate.id(), candidate.version(), clock.instant())));
        }
        return reasons;
    }

    /** The passes of versions checked here, to keep. */
    List<GatePasses.Pass> newPasses() {
        return List.copyOf(passed);
    }

    /** How many versions were checked rather than taken from a kept pass. */
    int checked() {
        return checked.get();
    }

    private static Optional<String> hash(GateInputs inputs, CompiledRuleSet rs) {
        try {
            return Optional.of(inputs.sha256(rs));
        } catch (IOException | RuntimeException e) {
            LOG.warn("serving gate: cannot hash the inputs of {} ({}); it is checked", rs.key(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
