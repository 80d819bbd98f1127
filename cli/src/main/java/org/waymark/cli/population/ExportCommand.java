package org.waymark.cli.population;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.waymark.bulk.AccessTokens;
import org.waymark.bulk.BulkExport;
import org.waymark.bulk.BulkExportException;
import org.waymark.bulk.ExportLevel;
import org.waymark.bulk.ExportRequest;
import org.waymark.bulk.Sleeper;
import org.waymark.bulk.SmartBackendAuth;
import org.waymark.bulk.SmartEndpoints;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code waymark export}: a FHIR Bulk Data export into a folder that {@code waymark screen --input} reads. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Fetch a population from a FHIR server by Bulk Data $export (system, group or patient level) into NDJSON files.")
public final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--server", required = true, description = "FHIR base URL of the server, e.g. https://fhir.example.nhs.uk/R4.") URI server;

    @ArgGroup(exclusive = true) Level level;

    static final class Level {
        @Option(names = "--group", description = "Export the members of this Group (Group/<id>/$export).") String group;

        @Option(names = "--patients", description = "Export all patients' compartments (Patient/$export).") boolean patients;
    }

    @Option(names = "--type", split = ",", description = "Resource types to export, e.g. Patient,Condition (default: all the server offers).") List<String> types = List.of();

    @Option(names = "--since", description = "Only resources changed since this instant or date (UTC), or 'last': since the previous export into --out.") String since;

    @Option(names = "--out", required = true, description = "Output folder: <Type>.ndjson files, manifest.json, errors/.") Path out;

    @Option(names = "--client-id", description = "SMART Backend Services client id (with --key).") String clientId;

    @Option(names = "--key", description = "The client's private key as a JWK or JWK Set file (RSA: RS384, EC P-384: ES384).") Path key;

    @Option(names = "--token-url", description = "Token endpoint (default: from the server's .well-known/smart-configuration).") URI tokenUrl;

    @Option(names = "--scope", defaultValue = "system/*.read", description = "Scopes asked for (default ${DEFAULT-VALUE}).") String scope;

    @Option(names = "--timeout", defaultValue = "PT6H", description = "Give up waiting for the export after this long, ISO-8601 (default ${DEFAULT-VALUE}).") Duration timeout;

    @Option(names = "--max-poll-interval", defaultValue = "PT2M", description = "Longest wait between status checks, ISO-8601 (default ${DEFAULT-VALUE}).") Duration maxPoll;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            ExportRequest request = new ExportRequest(server, level(), Optional.ofNullable(level).map(l -> l.group), types, since());
            BulkExport export = new BulkExport(client, tokens(client), Clock.systemUTC(), Sleeper.REAL, maxPoll, timeout, err::println);
            BulkExport.Result result = export.run(request, out);
            System.out.printf("exported %d file(s) to %s (server snapshot %s)%s; screen them with: waymark screen --input %s%n",
                    result.files().size(), out, result.manifest().transactionTime(),
                    result.errorFiles().isEmpty() ? "" : "; the server reported errors, see " + out.resolve(BulkExport.ERRORS), out);
            return result.errorFiles().isEmpty() ? 0 : 1;
        } catch (BulkExportException e) {
            err.println("waymark export: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("waymark export: cannot write to " + out + ": " + e.getMessage());
            return 1;
        }
    }

    private ExportLevel level() {
        if (level == null) {
            return ExportLevel.SYSTEM;
        }
        return level.group != null ? ExportLevel.GROUP : ExportLevel.PATIENT;
    }

    private Optional<Instant> since() {
        if (since == null) {
            return Optional.empty();
        }
        if (since.equals("last")) {
            return Optional.of(BulkExport.lastTransactionTime(out).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--since last: no complete export in " + out + " to continue from; give --since <instant>")));
        }
        try {
            return Optional.of(since.length() == 10 ? LocalDate.parse(since).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(since).toInstant());
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--since is an instant (2026-11-24T09:00:00Z), a date (2026-11-24) or 'last', not " + since);
        }
    }

    private static boolean readableByOthers(Path file) throws java.io.IOException {
        if (java.nio.file.Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) == null) {
            return false;
        }
        var permissions = java.nio.file.Files.getPosixFilePermissions(file);
        return permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
                || permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    }

    private Optional<AccessTokens> tokens(HttpClient client) throws InterruptedException, IOException {
        if (clientId == null && key == null) {
            return Optional.empty();
        }
        if (clientId == null || key == null) {
            throw new ParameterException(spec.commandLine(), "SMART Backend Services needs both --client-id and --key");
        }
        var jwk = SmartBackendAuth.readKey(key);
        if (readableByOthers(key)) {
            spec.commandLine().getErr().println("waymark export: warning: the key file " + key + " is readable by others; chmod 600 it");
        }
        URI tokens = tokenUrl != null ? tokenUrl : SmartEndpoints.discoverTokenUrl(client, server);
        return Optional.of(new SmartBackendAuth(clientId, jwk, tokens, scope, Clock.systemUTC(), SmartEndpoints.over(client)));
    }
}
