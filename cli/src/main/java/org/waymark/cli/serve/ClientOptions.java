package org.waymark.cli.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.waymark.api.server.ServerSettings;
import picocli.CommandLine.Option;

/** Whom the server trusts to call it: {@link ServerSettings.Clients}. */
final class ClientOptions {
    @Option(names = "--clients", description = "Trusted CDS clients (YAML: iss, jwks, jku); see docs/security.md.") Path clients;

    @Option(names = "--dev", description = "Development mode: no CDS client authentication (loudly logged). Never with real data.") boolean dev;

    @Option(names = "--public-url", split = ",", description = "Base URL(s) CDS clients call, e.g. https://cds.example.org (the only JWT aud accepted); required with --clients.") List<String> publicUrls = new ArrayList<>();

    ServerSettings.Clients settings() {
        return new ServerSettings.Clients(Optional.ofNullable(clients), ServeCommand.orEmpty(publicUrls), dev);
    }
}
