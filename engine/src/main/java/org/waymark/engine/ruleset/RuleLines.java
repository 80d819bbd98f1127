package org.waymark.engine.ruleset;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where things are in DRL text, so problems can name a line: the loader and lint both use it. */
public final class RuleLines {
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);

    private RuleLines() {
    }

    /** The 1-based line of {@code rule "<name>"} in the DRL text, if it is there. */
    public static OptionalInt ofRule(String drl, String ruleName) {
        Matcher m = RULE.matcher(drl);
        while (m.find()) {
            if (m.group(1).equals(ruleName)) {
                return OptionalInt.of(ofOffset(drl, m.start(1)));
            }
        }
        return OptionalInt.empty();
    }

    /** The 1-based line of a character offset. */
    public static int ofOffset(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
