package org.waymark.engine.explain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.waymark.engine.util.Require;

/**
 * A pattern taken apart: {@code [$id :] Type( constraints ) [from ...]}, with the source text after the closing
 * parenthesis kept as written ({@code tail}), so a probe can rebuild the pattern with other constraints; {@code text}: the
 * whole pattern as written.
 */
record PatternShape(String text, Optional<String> identifier, String type, List<Constraint> constraints, String tail) {
    PatternShape {
        Require.nonNull("text, identifier, type, constraints, tail", text, identifier, type, constraints, tail);
        constraints = List.copyOf(constraints);
    }

    /** The shape of a pattern whose text (as written) is {@code text}; empty when the text cannot be taken apart. */
    static Optional<PatternShape> of(PatternDescr pattern, String text) {
        Matcher open = Pattern.compile("(?<![\\w.])" + Pattern.quote(pattern.getObjectType()) + "\\s*\\(").matcher(text);
        if (!open.find()) {
            return Optional.empty();
        }
        int close = Brackets.closing(text, open.end() - 1);
        if (close < 0) {
            return Optional.empty();
        }
        List<Constraint> constraints = pattern.getDescrs().stream()
                .map(PatternShape::expression).map(Constraint::parse).toList();
        return Optional.of(new PatternShape(text, Optional.ofNullable(pattern.getIdentifier()), pattern.getObjectType(), constraints,
                text.substring(close + 1).strip()));
    }

    private static String expression(BaseDescr d) {
        return d instanceof ExprConstraintDescr e ? e.getExpression() : d.getText();
    }

    /** The pattern as written, bound to {@code variable} when the author did not bind it. */
    String bound(String variable) {
        return identifier.isPresent() ? text : variable + " : " + text;
    }

    /** The name the matched fact is bound to in {@link #bound}. */
    String variable(String otherwise) {
        return identifier.orElse(otherwise);
    }

    List<Constraint> conditions() {
        return constraints.stream().filter(c -> !c.bindingOnly()).toList();
    }

    /** This pattern bound to {@code variable}, keeping only the constraints that bind names (a probe over every candidate). */
    String candidates(String variable) {
        List<String> bindings = constraints.stream().flatMap(c -> c.binding().stream()).toList();
        return variable + " : " + type + "( " + String.join(", ", bindings) + " )" + (tail.isEmpty() ? "" : " " + tail);
    }
}
