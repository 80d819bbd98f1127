package org.waymark.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.server.ServerSettings;
import org.waymark.cli.options.SettingsSources;
import picocli.CommandLine;

/** The documented source order of the serve settings: flag, then environment, then config file, then default. */
class SettingsSourcesTest {
    @TempDir
    Path dir;

    private ServerSettings settings(Map<String, String> environment, Optional<Path> config, String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setDefaultValueProvider(SettingsSources.of(cli.getCommandSpec(), environment::get, config));
        cli.parseArgs(args);
        return serve.settings(environment::get);
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("waymark.yaml"), yaml);
    }

    @Test
    void withNothingConfiguredEachSettingHasItsDefault() {
        ServerSettings s = settings(Map.of(), Optional.empty(), "--dev");
        assertEquals(ServerSettings.Network.DEFAULT_PORT, s.network().port());
        assertEquals(ServerSettings.Limits.DEFAULTS, s.limits());
        assertEquals(Path.of("rules"), s.rulesDir());
        assertEquals(List.of(), s.cors().origins());
    }

    @Test
    void theConfigFileOverridesTheDefaults() throws Exception {
        Path file = config("port: 9090\ndev: true\ndeadline: PT3S\ncors-origins: [https://a.example.org, https://b.example.org]\nrules: /srv/rules\n");
        ServerSettings s = settings(Map.of(), Optional.of(file));
        assertEquals(9090, s.network().port());
        assertTrue(s.devMode());
        assertEquals(Duration.ofSeconds(3), s.evaluationDeadline());
        assertEquals(List.of("https://a.example.org", "https://b.example.org"), s.cors().origins());
        assertEquals(Path.of("/srv/rules"), s.rulesDir());
    }

    @Test
    void theEnvironmentOverridesTheConfigFile() throws Exception {
        Path file = config("port: 9090\ndev: true\nrules: /srv/rules\n");
        ServerSettings s = settings(Map.of("WAYMARK_PORT", "9191", "WAYMARK_RULES", "/opt/rules"), Optional.of(file));
        assertEquals(9191, s.network().port());
        assertEquals(Path.of("/opt/rules"), s.rulesDir());
    }

    @Test
    void aFlagOverridesTheEnvironmentAndTheConfigFile() throws Exception {
        Path file = config("port: 9090\ndev: true\n");
        ServerSettings s = settings(Map.of("WAYMARK_PORT", "9191"), Optional.of(file), "--port", "9292");
        assertEquals(9292, s.network().port());
    }

    @Test
    void thePseudonymKeyAndAdminTokensAreNeverReadFromTheConfigFile() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(), Optional.of(config("dev: true\npseudonym-key: secret-secret-secret\n"))));
        assertTrue(e.getMessage().contains("unknown settings [pseudonym-key]"), e.getMessage());
    }

    @Test
    void aMistypedKeyIsRefusedWithTheKnownOnes() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(), Optional.of(config("prot: 9090\n"))));
        assertTrue(e.getMessage().contains("unknown settings [prot]") && e.getMessage().contains("port"), e.getMessage());
    }

    @Test
    void aNestedMapIsRefused() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(), Optional.of(config("port:\n  value: 9090\n"))));
        assertTrue(e.getMessage().contains("'port' must be a value"), e.getMessage());
    }
}
