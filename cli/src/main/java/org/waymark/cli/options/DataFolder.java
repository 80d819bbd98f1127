package org.waymark.cli.options;

import java.nio.file.Path;
import java.util.Optional;
import org.waymark.api.admin.KeptKnowledgeFiles;
import org.waymark.engine.privacy.PatientKeys;
import org.waymark.engine.ruleset.KeptKnowledge;
import picocli.CommandLine.Option;

/**
 * {@code --data}: the installation's data folder, home of the embedded store and of {@code pseudonym.key}. The
 * pseudonymisation secret may instead come from WAYMARK_PSEUDONYM_KEY; this is the one place that reads it, so
 * the engine never reads the environment.
 */
public final class DataFolder {
    @Option(names = "--data", defaultValue = "${env:WAYMARK_DATA:-data}", description = "Data folder: the embedded store and pseudonym.key (default ${DEFAULT-VALUE}; env WAYMARK_DATA).") Path data;

    public Path path() {
        return data;
    }

    /** The secret given by WAYMARK_PSEUDONYM_KEY, if any (never a flag or file setting: it stays out of shell history). */
    public static Optional<String> configuredPseudonymKey() {
        return Optional.ofNullable(System.getenv("WAYMARK_PSEUDONYM_KEY")).filter(k -> !k.isBlank());
    }

    /**
     * The compiled rule knowledge kept in the data folder, the server's ({@link KeptKnowledgeFiles}): a version compiled
     * before by this build, by the server or an earlier run, is rebuilt from it instead of compiled.
     */
    public KeptKnowledge keptKnowledge() {
        return KeptKnowledgeFiles.in(data).<KeptKnowledge>map(k -> k).orElse(KeptKnowledge.NONE);
    }

    public PatientKeys patientKeys() {
        return PatientKeys.forInstallation(data, configuredPseudonymKey());
    }
}
