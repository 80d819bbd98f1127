package org.waymark.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.privacy.PatientKeys;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.screening.screen.PatientKeyPolicy;
import org.waymark.screening.screen.PatientScreener;

/**
 * One compiled rule base per JVM: the first task on an executor compiles the rule sets and loads the pathways, every
 * later task of the job reuses them (KieBases are thread-safe; the screener gives each thread its own parser). Nothing
 * of it is serialised with the tasks, only the {@link JobSettings} it is built from.
 */
final class ScreenerHolder {
    /** The compiled rule sets and pathways, and the screener built on them. */
    record Loaded(JobSettings settings, List<CompiledRuleSet> ruleSets, PathwayService pathways, PatientScreener screener) {
    }

    private static Loaded loaded;

    private ScreenerHolder() {
    }

    static synchronized Loaded get(JobSettings settings) {
        if (loaded == null || !loaded.settings().equals(settings)) {
            List<CompiledRuleSet> ruleSets = RuleSetRegistry.load(Path.of(settings.rules()), Map.of()).current().allActiveLeavingNoneOut();
            PathwayService pathways = new PathwayService(PathwayRegistry.load(Path.of(settings.pathways())));
            PatientScreener screener = new PatientScreener(ruleSets, new Assessor(pathways), EvaluationTime.of(settings.asOf()),
                    keys(settings), settings.pcnByPractice());
            loaded = new Loaded(settings, ruleSets, pathways, screener);
        }
        return loaded;
    }

    /**
     * Pseudonymised keys need the same secret on every executor, so it comes from each executor's environment
     * (WAYMARK_PSEUDONYM_KEY, set with spark.executorEnv), never from a per-machine key file.
     */
    static PatientKeyPolicy keys(JobSettings settings) {
        if (!settings.pseudonymise()) {
            return PatientKeyPolicy.realIds();
        }
        String secret = configuredSecret().orElseThrow(() -> new IllegalStateException(
                "pseudonymised ids need WAYMARK_PSEUDONYM_KEY on the driver and every executor (spark.executorEnv.WAYMARK_PSEUDONYM_KEY)"));
        return PatientKeyPolicy.pseudonymised(new PatientKeys(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static Optional<String> configuredSecret() {
        return Optional.ofNullable(System.getenv("WAYMARK_PSEUDONYM_KEY")).filter(k -> !k.isBlank());
    }
}
