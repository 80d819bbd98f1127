package org.waymark.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.cli.Cli;
import org.waymark.api.server.Endpoint;
import picocli.CommandLine;

/** Where {@code waymark serve} listens: development mode on this machine only, unless --host says otherwise. */
class ServeCommandTest {
    private static Endpoint endpoint(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.settings(name -> null).endpoint();
    }

    @Test
    void devModeListensOnLoopbackOnly() {
        assertEquals(Endpoint.LOOPBACK, endpoint("--dev").host());
    }

    @Test
    void devModeWithAnExplicitHostListensThere() {
        assertEquals("0.0.0.0", endpoint("--dev", "--host", "0.0.0.0").host());
    }

    @Test
    void productionListensOnAllInterfacesByDefault() {
        Endpoint e = endpoint("--clients", "clients.yaml", "--public-url", "https://cds.example.org");
        assertEquals(Endpoint.ALL_INTERFACES, e.host());
        assertEquals("http", e.scheme());
        assertEquals(Endpoint.DEFAULT_IDLE_TIMEOUT, e.idleTimeout());
    }

    @Test
    void idleTimeoutIsConfigurable() {
        assertEquals(Duration.ofSeconds(5), endpoint("--dev", "--idle-timeout", "PT5S").idleTimeout());
    }

    @Test
    void tlsFlagsMustComeInPairsAndNotWithAKeyStore() {
        CommandLine.ParameterException alone = assertThrows(CommandLine.ParameterException.class, () -> endpoint("--dev", "--tls-cert", "c.pem"));
        assertTrue(alone.getMessage().contains("--tls-key"), alone.getMessage());
        CommandLine.ParameterException both = assertThrows(CommandLine.ParameterException.class,
                () -> endpoint("--dev", "--tls-keystore", "k.p12", "--tls-cert", "c.pem", "--tls-key", "k.pem"));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }

    /** The launchers' training run for the start-up archive (dist/src/bin/class-data.sh) must end by itself. */
    @Test
    void exitWhenReadyStartsTheServerThenStopsIt(@TempDir Path tmp) throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Path pathways = Files.createDirectories(tmp.resolve("pathways"));
        Cli.Run run = Cli.run("serve", "--dev", "--port", "0", "--rules", rules.toString(), "--pathways", pathways.toString(),
                "--data", tmp.resolve("data").toString(), "--exit-when-ready");
        assertEquals(0, run.exit());
        assertFalse(ServeCommand.isServing(), "the command line exits: nothing keeps serving");
    }
}
