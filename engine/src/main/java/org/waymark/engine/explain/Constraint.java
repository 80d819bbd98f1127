package org.waymark.engine.explain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.waymark.engine.util.Require;

/**
 * One constraint of a pattern as written, e.g. {@code size >= params.integer("x")}: a pure binding such as
 * {@code $admission : admission} only names a value; a condition has, when it is a comparison, a left side, an operator and
 * a right side (the threshold). {@code binding}: the name it binds, as {@code $name : expression}, if any.
 */
record Constraint(String expression, boolean bindingOnly, Optional<String> binding, Optional<String> left, Optional<String> operator,
                  Optional<String> right) {
    private static final List<String> COMPARISONS = List.of(">=", "<=", ">", "<", "==", "!=");
    private static final Pattern LEADING_BINDING = Pattern.compile("^\\s*\\$[\\w]+\\s*:(?!:)\\s*");
    private static final Pattern PARAMETER = Pattern.compile("params\\.(?:number|integer|text)\\(\\s*\"([^\"]+)\"\\s*\\)");

    Constraint {
        Require.nonNull("expression, binding, left, operator, right", expression, binding, left, operator, right);
    }

    static Constraint parse(String written) {
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        ConstraintConnectiveDescr parsed = parser.parse(written);
        List<? extends BaseDescr> parts = parsed == null || parser.hasErrors() ? List.of() : parsed.getDescrs();
        BaseDescr only = parts.size() == 1 ? parts.get(0) : null;
        if (only instanceof BindingDescr b) {
            return new Constraint(written.strip(), true, Optional.of(binding(b)), Optional.empty(), Optional.empty(), Optional.empty());
        }
        // "$a : age > 30" binds and constrains: the condition is what follows the binding.
        String condition = LEADING_BINDING.matcher(written).replaceFirst("").strip();
        if (only instanceof RelationalExprDescr r && !r.isNegated() && COMPARISONS.contains(r.getOperator())
                && r.getRight() instanceof AtomicExprDescr t && side(r.getLeft()).isPresent()) {
            Optional<String> bound = r.getLeft() instanceof BindingDescr b ? Optional.of(binding(b)) : Optional.empty();
            return new Constraint(condition, false, bound, side(r.getLeft()), Optional.of(r.getOperator()), Optional.of(t.getExpression().strip()));
        }
        return new Constraint(condition, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Optional<String> side(BaseDescr d) {
        if (d instanceof AtomicExprDescr a) {
            return Optional.of(a.getExpression().strip());
        }
        return d instanceof BindingDescr b ? Optional.of(b.getExpression().strip()) : Optional.empty();
    }

    private static String binding(BindingDescr b) {
        return b.getVariable() + " : " + b.getExpression().strip();
    }

    /** The name this constraint binds, if any. */
    Optional<String> variable() {
        return binding.map(b -> b.substring(0, b.indexOf(' ')));
    }

    /** The names of the rule-set parameters an expression reads ({@code params.integer("name")}), in order. */
    static List<String> parameters(String text) {
        Matcher m = PARAMETER.matcher(text);
        return m.results().map(r -> r.group(1)).distinct().toList();
    }
}
