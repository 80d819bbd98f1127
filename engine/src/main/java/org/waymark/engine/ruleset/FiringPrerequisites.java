package org.waymark.engine.ruleset;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.drools.base.RuleBase;
import org.drools.base.base.ClassObjectType;
import org.drools.base.base.ValueResolver;
import org.drools.base.reteoo.AccumulateContextEntry;
import org.drools.base.reteoo.InitialFactImpl;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.rule.Accumulate;
import org.drools.base.rule.Declaration;
import org.drools.base.rule.EntryPointId;
import org.drools.base.rule.SingleAccumulate;
import org.drools.base.rule.accessor.GlobalResolver;
import org.drools.base.rule.constraint.BetaConstraint;
import org.drools.base.rule.constraint.AlphaNodeFieldConstraint;
import org.drools.core.common.BaseNode;
import org.drools.core.common.DefaultFactHandle;
import org.drools.core.phreak.PhreakAccumulateNode;
import org.drools.core.reteoo.AccumulateNode;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.JoinNode;
import org.drools.core.reteoo.LeftInputAdapterNode;
import org.drools.core.reteoo.LeftTupleSource;
import org.drools.core.reteoo.ObjectSource;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.reteoo.QueryTerminalNode;
import org.drools.core.reteoo.RightInputAdapterNode;
import org.drools.core.reteoo.RuleTerminalNode;
import org.drools.core.reteoo.TerminalNode;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.mvel.MVELConstraint;
import org.drools.mvel.MVELDialectRuntimeData;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;
import org.waymark.engine.facts.RecordEntry;

/**
 * The facts each rule of a KieBase needs in working memory before it can fire, read once from its compiled network, so
 * that the evaluator can leave out a session in which no rule could fire (for a small record, most rule sets' every rule
 * starts from an entry or a derived fact the patient does not have, and the session's lease, inserts and reset cost more
 * than the rules).
 *
 * <p>A rule fires only on a match reaching one of its terminal nodes, and a match is a left tuple that took one fact at
 * the start of the terminal's path (its left input adapter) and one at each join node on it. Each of those facts came
 * from an object type node of the default entry point, through the alpha nodes between that node and the join, so it is
 * an instance of the node's class and passes their constraints. An accumulate over one pattern passes only if its result
 * over the facts that reach it (none, or those present that pass its pattern's constraints) passes its result
 * constraints (a {@code Set( size >= 2 )} of one entry does not), including those that also read the results of other
 * such accumulates on the path ({@code List( size > 0 || $findings.size() > 0 )}). Nodes of every other kind on the
 * path (not, exists, from, eval, an accumulate not read so) need no fact: a {@code not} matches an empty working memory.
 * Before the first firing, working memory holds only what the evaluator inserted and Drools' initial fact; so when no
 * path can be met on those, no rule fires, no consequence inserts anything, and the session would end as it began.
 *
 * <p>The alpha constraints are Drools' own, evaluated as the session would, with the globals the session would have
 * (e.g. {@code Patient( ageYears >= params.integer("efi-compute-min-age") )}); the entry-membership constraints
 * {@link MembershipConstraint} reads are checked first, without Drools, to pass over most entries cheaply. A constraint
 * that throws here counts as passed (the session then meets the same error), and, as in Drools, constraints and
 * accumulate functions are taken to have no side effects. A path's fact from anything but an object type node (a
 * window, a subnetwork, another entry point) counts as present. A terminal node of another kind, or a KieBase not read
 * this way, makes every session run.
 */
public final class FiringPrerequisites {
    /** Some rule may always fire: every session runs. */
    public static final FiringPrerequisites ALWAYS = new FiringPrerequisites(null, List.of(), List.of(),
            List.of(new Path(new int[0], List.of())), Set.of());

    /**
     * A fact a path takes: an instance of {@code type} that, if it is a record entry, passes every one of {@code entries},
     * and passes each of {@code constraints}, its alpha nodes' from the object type node down.
     */
    record Need(Class<?> type, List<EntryRequirement> entries, List<AlphaNodeFieldConstraint> constraints) {
        Need {
            entries = List.copyOf(entries);
            constraints = List.copyOf(constraints);
        }
    }

    /** A terminal's path: the indexes of the needs it takes, and its accumulates read as {@link Accumulated}. */
    private record Path(int[] needs, List<Accumulated> accumulates) {
        Path {
            accumulates = List.copyOf(accumulates);
        }
    }

    /**
     * An accumulate over one pattern, whose facts are need {@code source}; {@code node} indexes the distinct accumulate
     * nodes (rules share them), so that a call computes each result once. {@code reading} are its result constraints that
     * read other accumulates' results, or null when it has one not read so.
     */
    private record Accumulated(int source, int node, List<Reading> reading) {
    }

    /**
     * A result constraint that reads other accumulates of the same path ({@code List( size > 0 || $findings.size() > 0 )}),
     * compiled from its MVEL text as the package's own constraints are, and evaluated over the results computed here.
     * Drools' own beta constraint is not evaluated outside a session: it is jitted from the first tuple it meets.
     */
    private record Reading(Serializable code, List<Bound> bound) {
        Reading {
            bound = List.copyOf(bound);
        }
    }

    /** A declaration a {@link Reading} reads: the result of the path's accumulate at {@code accumulate}. */
    private record Bound(Declaration declaration, int accumulate) {
    }

    /** What a constraint reads besides its fact, outside a session: the session's globals and the KieBase; no clock. */
    private record Outside(RuleBase getRuleBase, GlobalResolver getGlobalResolver) implements ValueResolver {
        @Override
        public long getCurrentTime() {
            throw new UnsupportedOperationException("no session clock before the session");
        }
    }

    /** The KieBase the constraints belong to (they read its configuration); null for {@link #ALWAYS}, which has none. */
    private final RuleBase ruleBase;

    /** Each distinct need once, so a call checks it once however many paths take it. */
    private final List<Need> needs;
    /** Each distinct accumulate node once, so a call computes its result once however many paths take it. */
    private final List<AccumulateNode> accumulates;
    /** Per terminal, its path. */
    private final List<Path> paths;
    /** The entry classes whose {@code in}, {@code categoryOf} and {@code emergency} are RecordEntry's, the only ones whose membership is checked. */
    private final Set<Class<?>> standardEntries;

    private FiringPrerequisites(RuleBase ruleBase, List<Need> needs, List<AccumulateNode> accumulates, List<Path> paths,
                                Set<Class<?>> standardEntries) {
        this.ruleBase = ruleBase;
        this.needs = List.copyOf(needs);
        this.accumulates = List.copyOf(accumulates);
        this.paths = List.copyOf(paths);
        this.standardEntries = Set.copyOf(standardEntries);
    }

    public static FiringPrerequisites of(KieBase kieBase) {
        if (!(kieBase instanceof InternalKnowledgeBase base)) {
            return ALWAYS;
        }
        boolean readMemberships = !MatchableEntries.namesEntryTerms(kieBase);
        Map<String, TerminalNode[]> terminals = base.getReteooBuilder().getTerminalNodes();
        // Every rule's terminals are read, or none: a rule missing from the builder's map would be a rule not checked.
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                if (!terminals.containsKey(p.getName() + "." + r.getName())) {
                    return ALWAYS;
                }
            }
        }
        Map<Need, Integer> needs = new LinkedHashMap<>();
        Map<AccumulateNode, Integer> accumulates = new IdentityHashMap<>();
        List<Path> paths = new ArrayList<>();
        for (TerminalNode[] nodes : terminals.values()) {
            for (TerminalNode terminal : nodes) {
                if (terminal instanceof QueryTerminalNode) {
                    continue; // a query fires no rule
                }
                if (terminal.getClass() != RuleTerminalNode.class) {
                    return ALWAYS;
                }
                paths.add(pathOf(base, terminal, readMemberships, needs, accumulates));
            }
        }
        Set<Class<?>> standard = Stream.of(RecordEntry.class.getPermittedSubclasses()).filter(MatchableEntries::standardTerms)
                .collect(Collectors.toSet());
        AccumulateNode[] nodes = new AccumulateNode[accumulates.size()];
        accumulates.forEach((node, index) -> nodes[index] = node);
        return new FiringPrerequisites(base, new ArrayList<>(needs.keySet()), List.of(nodes), paths, standard);
    }

    /** The facts a terminal's path takes, from its end back to its start, indexed in {@code needs}, and its accumulates. */
    private static Path pathOf(RuleBase ruleBase, TerminalNode terminal, boolean readMemberships, Map<Need, Integer> needs,
                               Map<AccumulateNode, Integer> distinct) {
        List<Need> taken = new ArrayList<>();
        List<AccumulateNode> nodes = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        for (LeftTupleSource node = terminal.getLeftTupleSource(); node != null; node = node.getLeftTupleSource()) {
            if (node instanceof LeftInputAdapterNode start) {
                needOf(start.getObjectSource(), readMemberships, taken);
                break;
            }
            // Exactly a join or an accumulate: subclasses and every other beta node (not, exists) need no fact.
            if (node.getClass() == JoinNode.class) {
                RightInputAdapterNode<?> right = ((JoinNode) node).getRightInput();
                if (!right.inputIsTupleToObjectNode()) {
                    needOf(right.getParent(), readMemberships, taken);
                }
            } else if (node.getClass() == AccumulateNode.class) {
                RightInputAdapterNode<?> right = ((AccumulateNode) node).getRightInput();
                List<Need> source = new ArrayList<>();
                if (!right.inputIsTupleToObjectNode()) {
                    needOf(right.getParent(), readMemberships, source);
                }
                if (source.size() == 1) {
                    nodes.add((AccumulateNode) node);
                    sources.add(indexOf(source.get(0), needs));
                }
            }
        }
        List<Accumulated> accumulates = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int node = distinct.computeIfAbsent(nodes.get(i), k -> distinct.size());
            accumulates.add(new Accumulated(sources.get(i), node, readings(ruleBase, nodes.get(i), nodes)));
        }
        return new Path(taken.stream().mapToInt(n -> indexOf(n, needs)).toArray(), accumulates);
    }

    /**
     * {@code node}'s result constraints that read other accumulates of its path ({@code nodes}), compiled; null if one
     * reads anything else (an earlier pattern's fact), is not plain MVEL, or does not compile here.
     */
    private static List<Reading> readings(RuleBase ruleBase, AccumulateNode node, List<AccumulateNode> nodes) {
        List<Reading> readings = new ArrayList<>();
        for (BetaConstraint constraint : node.getResultBinder().getConstraints()) {
            if (constraint.getClass() != MVELConstraint.class) {
                return null;
            }
            MVELConstraint mvel = (MVELConstraint) constraint;
            if (mvel.isUnification() || mvel.getOperators().length > 0 || mvel.getPackageNames().size() != 1) {
                return null;
            }
            List<Bound> bound = new ArrayList<>();
            for (Declaration declaration : mvel.getRequiredDeclarations()) {
                if (declaration.isGlobal()) {
                    continue; // every global is among the variables a reading is given
                }
                int at = indexOfSource(nodes, declaration);
                if (at < 0 || nodes.get(at) == node) {
                    return null;
                }
                bound.add(new Bound(declaration, at));
            }
            try {
                InternalKnowledgePackage pkg = ruleBase.getPackage(mvel.getPackageNames().iterator().next());
                MVELDialectRuntimeData dialect = (MVELDialectRuntimeData) pkg.getDialectRuntimeRegistry().getDialectData("mvel");
                ParserContext context = new ParserContext(dialect.getParserConfiguration());
                readings.add(new Reading(MVEL.compileExpression(mvel.getExpression(), context), bound));
            } catch (RuntimeException e) {
                return null;
            }
        }
        return readings;
    }

    /** The index in {@code nodes} of the accumulate whose result pattern binds {@code declaration}, or -1. */
    private static int indexOfSource(List<AccumulateNode> nodes, Declaration declaration) {
        Object source = declaration.getPattern() == null ? null : declaration.getPattern().getSource();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).getAccumulate() == source) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(Need need, Map<Need, Integer> needs) {
        return needs.computeIfAbsent(need, k -> needs.size());
    }

    /** The fact that comes out of {@code source}: adds nothing when it does not come from a known object type node. */
    private static void needOf(ObjectSource source, boolean readMemberships, List<Need> out) {
        List<EntryRequirement> entries = new ArrayList<>();
        List<AlphaNodeFieldConstraint> constraints = new ArrayList<>();
        BaseNode at = source;
        while (at instanceof AlphaNode alpha) {
            if (readMemberships) {
                EntryRequirement test = MatchableEntries.requirement(alpha);
                if (!test.any()) {
                    entries.add(test);
                }
            }
            // Drools tests them from the object type node down, and a later one may rely on an earlier (a null check).
            constraints.add(0, alpha.getConstraint());
            at = alpha.getParent();
        }
        if (at instanceof ObjectTypeNode otn && otn.getEntryPoint().equals(EntryPointId.DEFAULT)
                && otn.getObjectType() instanceof ClassObjectType type) {
            out.add(new Need(type.getClassType(), entries, constraints));
        }
    }

    /**
     * Whether some rule could fire in a session holding just {@code facts} (the record entries as inserted, with their
     * value-set tags) and {@code globals}: false means firing the session would change nothing.
     */
    public boolean someRuleCouldFire(List<?> facts, GlobalResolver globals) {
        Check check = new Check(facts, new Outside(ruleBase, globals));
        for (Path path : paths) {
            if (check.met(path)) {
                return true;
            }
        }
        return false;
    }

    /** One call's check, keeping what it found of each need and accumulate for the paths after. */
    private final class Check {
        /** A result not known here: the session's to compute. */
        private static final Object UNKNOWN = new Object();

        private final List<?> facts;
        private final ValueResolver outside;
        private final byte[] met = new byte[needs.size()]; // 0 not checked yet, 1 met, 2 not met
        private final Object[] results = new Object[accumulates.size()]; // null not computed yet

        Check(List<?> facts, ValueResolver outside) {
            this.facts = facts;
            this.outside = outside;
        }

        boolean met(Path path) {
            for (int i : path.needs()) {
                if (!met(i)) {
                    return false;
                }
            }
            List<Accumulated> onPath = path.accumulates();
            for (int i = 0; i < onPath.size(); i++) {
                if (!resultPasses(onPath, i)) {
                    return false;
                }
            }
            return true;
        }

        private boolean met(int need) {
            if (met[need] == 0) {
                met[need] = metBy(needs.get(need)) ? (byte) 1 : (byte) 2;
            }
            return met[need] == 1;
        }

        private boolean metBy(Need need) {
            for (Object fact : facts) {
                if (need.type().isInstance(fact) && passes(need, fact, outside, false)) {
                    return true;
                }
            }
            // Drools' initial fact (the start of a rule that begins with not, accumulate or eval) is in every session.
            return need.type().isInstance(InitialFactImpl.getInstance());
        }

        /**
         * Whether the result of the path's accumulate {@code at} passes its result constraints; true when that result, or
         * another accumulate's result a constraint reads, is not known here.
         */
        private boolean resultPasses(List<Accumulated> onPath, int at) {
            Accumulated accumulated = onPath.get(at);
            AccumulateNode node = accumulates.get(accumulated.node());
            boolean reads = !node.getResultBinder().isEmpty();
            if (reads && accumulated.reading() == null || !reads && node.getResultConstraints().length == 0) {
                return true; // not read here, or any result passes (computed only if another's constraint reads it)
            }
            Object result = result(accumulated);
            if (result == UNKNOWN) {
                return true;
            }
            try {
                DefaultFactHandle handle = new DefaultFactHandle(result);
                for (AlphaNodeFieldConstraint constraint : node.getResultConstraints()) {
                    if (!constraint.isAllowed(handle, outside)) {
                        return false;
                    }
                }
                for (Reading reading : reads ? accumulated.reading() : List.<Reading>of()) {
                    Map<String, Object> vars = new HashMap<>();
                    for (String global : ruleBase.getGlobals().keySet()) {
                        vars.put(global, outside.getGlobalResolver().resolveGlobal(global));
                    }
                    for (Bound bound : reading.bound()) {
                        Object value = result(onPath.get(bound.accumulate()));
                        if (value == UNKNOWN) {
                            return true;
                        }
                        vars.put(bound.declaration().getIdentifier(), bound.declaration().getValue(outside, value));
                    }
                    if (Boolean.FALSE.equals(MVEL.executeExpression(reading.code(), result, vars))) {
                        return false;
                    }
                }
                return true;
            } catch (RuntimeException e) {
                return true; // the session evaluates it again and meets the same error
            }
        }

        private Object result(Accumulated accumulated) {
            if (results[accumulated.node()] == null) {
                results[accumulated.node()] = compute(accumulates.get(accumulated.node()), accumulated.source());
            }
            return results[accumulated.node()];
        }

        /**
         * {@code node}'s result over the facts present that reach it, computed as Drools does: the session inserts them
         * all before the first firing, and nothing changes them unless a rule fires. {@link #UNKNOWN} when it could
         * depend on the rest of the match (a declaration of an earlier pattern, a join constraint on the facts), when it is
         * null (Drools' null propagation is a session option, not read here), or when computing it throws.
         */
        private Object compute(AccumulateNode node, int source) {
            Accumulate accumulate = node.getAccumulate();
            Need need = needs.get(source);
            boolean any = met(source);
            if (!(accumulate instanceof SingleAccumulate) || accumulate.hasRequiredDeclarations()
                    || any && (!node.getRawConstraints().isEmpty() || need.type().isInstance(InitialFactImpl.getInstance()))) {
                return UNKNOWN;
            }
            try {
                Object memory = accumulate.createWorkingMemoryContext();
                AccumulateContextEntry context = new AccumulateContextEntry(null);
                PhreakAccumulateNode.initContext(memory, outside, accumulate, null, context);
                if (any) {
                    for (Object fact : facts) {
                        // Strict: a fact the session would fail on is not counted in or out here.
                        if (need.type().isInstance(fact) && passes(need, fact, outside, true)) {
                            accumulate.accumulate(memory, context, null, new DefaultFactHandle(fact), outside);
                        }
                    }
                }
                Object result = accumulate.getResult(memory, context, null, outside);
                return result == null ? UNKNOWN : result;
            } catch (RuntimeException e) {
                return UNKNOWN; // the session computes it again and meets the same error
            }
        }
    }

    /**
     * Whether {@code fact} passes {@code need}'s constraints; one that throws counts as passed (the session evaluates it
     * again and meets the same error), or with {@code strict} the exception goes to the caller.
     */
    private boolean passes(Need need, Object fact, ValueResolver outside, boolean strict) {
        if (fact instanceof RecordEntry entry && standardEntries.contains(fact.getClass())) {
            for (EntryRequirement test : need.entries()) {
                if (!test.passes(entry, entry.valueSets())) {
                    return false;
                }
            }
        }
        DefaultFactHandle handle = new DefaultFactHandle(fact);
        for (AlphaNodeFieldConstraint constraint : need.constraints()) {
            try {
                if (!constraint.isAllowed(handle, outside)) {
                    return false;
                }
            } catch (RuntimeException e) {
                if (strict) {
                    throw e;
                }
            }
        }
        return true;
    }
}
