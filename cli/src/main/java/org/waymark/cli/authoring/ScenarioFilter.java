package org.waymark.cli.authoring;

import java.util.Locale;
import java.util.regex.Pattern;

/** {@code --filter}: a scenario is chosen when its {@code suite/id} contains the text, with '*' for any characters. */
final class ScenarioFilter {
    private ScenarioFilter() {
    }

    static boolean matches(String filter, String name) {
        StringBuilder regex = new StringBuilder(".*");
        for (String part : filter.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            regex.append(Pattern.quote(part)).append(".*");
        }
        return name.toLowerCase(Locale.ROOT).matches(regex.toString());
    }
}
