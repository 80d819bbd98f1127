package org.waymark.spark;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What every executor needs to build the same screener: the rules and pathways folders (paths each executor can
 * read), the as-of instant, whether keys are pseudonymised, and the practice to PCN map (read once, on the driver).
 * Shipped with each task; small, and {@link ScreenerHolder} builds from it once per JVM.
 */
record JobSettings(String rules, String pathways, Instant asOf, boolean pseudonymise, Map<String, String> pcnByPractice)
        implements Serializable {
    JobSettings {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(pathways, "pathways");
        Objects.requireNonNull(asOf, "asOf");
        pcnByPractice = Map.copyOf(pcnByPractice);
    }
}
