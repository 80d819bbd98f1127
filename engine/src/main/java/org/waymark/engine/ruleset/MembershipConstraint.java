package org.waymark.engine.ruleset;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pattern constraint's text for the value-set membership it requires. Only the forms the rules write are
 * understood, each a term a fact without that membership fails (see {@link org.waymark.engine.facts.RecordEntry#in},
 * {@code categoryOf} and {@code emergency}): {@code in("a")}, {@code categoryOf("p-") != ""} and {@code emergency}, alone
 * or joined by {@code ||}. Anything else (a negation, {@code &&}, parentheses, another method) is not understood.
 */
final class MembershipConstraint {
    private static final Pattern IN = Pattern.compile("in\\(\\s*\"([^\"\\\\]*)\"\\s*\\)");
    private static final Pattern CATEGORY = Pattern.compile("categoryOf\\(\\s*\"([^\"\\\\]*)\"\\s*\\)\\s*!=\\s*\"\"");
    private static final String EMERGENCY = "emergency";

    private MembershipConstraint() {
    }

    /** What an entry passing {@code expression} must have; empty when the expression is not one of the forms above. */
    static Optional<EntryRequirement> requirement(String expression) {
        EntryRequirement test = EntryRequirement.NONE;
        // A literal holding "||" splits into terms that match no form, so the whole expression is refused.
        for (String term : expression.split("\\|\\|", -1)) {
            String t = term.strip();
            Matcher in = IN.matcher(t);
            Matcher category = CATEGORY.matcher(t);
            if (in.matches()) {
                test = test.or(new EntryRequirement(false, Set.of(in.group(1)), Set.of(), false));
            } else if (category.matches()) {
                test = test.or(new EntryRequirement(false, Set.of(), Set.of(category.group(1)), false));
            } else if (t.equals(EMERGENCY)) {
                test = test.or(new EntryRequirement(false, Set.of(), Set.of(), true));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(test);
    }
}
