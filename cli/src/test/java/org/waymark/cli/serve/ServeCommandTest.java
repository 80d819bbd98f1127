package org.waymark.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
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
}
