package org.waymark.cli.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.cli.Main;
import picocli.CommandLine;

/** Bad input to {@code waymark export} is a clear message and a non-zero exit, never a stack trace. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(args, System::getenv);
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), err.toString());
    }

    private static void assertClear(Run run, int exit, String message) {
        assertEquals(exit, run.exit(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void sinceLastNeedsAnEarlierExportInTheFolder() {
        assertClear(run("export", "--server", "http://127.0.0.1:9/fhir", "--since", "last", "--out", tmp.toString()), 2,
                "--since last: no complete export in " + tmp);
    }

    @Test
    void aSinceThatIsNeitherAnInstantNorADateIsRefused() {
        assertClear(run("export", "--server", "http://127.0.0.1:9/fhir", "--since", "yesterday", "--out", tmp.toString()), 2,
                "--since is an instant");
    }

    @Test
    void groupAndPatientsAreExclusiveAndAKeyNeedsAClientId() {
        assertClear(run("export", "--server", "http://127.0.0.1:9/fhir", "--group", "g1", "--patients", "--out", tmp.toString()), 2,
                "mutually exclusive");
        assertClear(run("export", "--server", "http://127.0.0.1:9/fhir", "--key", tmp.resolve("k.json").toString(), "--out", tmp.toString()), 2,
                "needs both --client-id and --key");
        assertClear(run("export", "--server", "http://127.0.0.1:9/fhir", "--client-id", "c", "--key", tmp.resolve("k.json").toString(),
                "--token-url", "http://127.0.0.1:9/token", "--out", tmp.toString()), 2, "cannot read the key file");
        assertClear(run("export", "--server", "file:///etc", "--out", tmp.toString()), 2, "absolute http(s) URL");
        assertClear(run("export", "--server", "http://127.0.0.1:9/fhir", "--type", "Patient,../x", "--out", tmp.toString()), 2,
                "not a FHIR resource type: ../x");
    }

    @Test
    void aServerThatCannotBeReachedIsSaidSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertClear(run("export", "--server", "http://127.0.0.1:" + port + "/fhir", "--out", tmp.resolve("out").toString()), 1,
                "waymark export: cannot connect to 127.0.0.1:" + port);
    }
}
