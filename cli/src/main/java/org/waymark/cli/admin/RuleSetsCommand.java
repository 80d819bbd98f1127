package org.waymark.cli.admin;

import org.waymark.cli.options.AdminConnection;
import org.waymark.cli.options.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code waymark rule-sets ...}: the rule-set admin API from the command line (see {@link AdminConnection}). Each
 * subcommand is one admin call, so each is a method.
 */
@Command(name = "rule-sets", mixinStandardHelpOptions = true,
        description = "List, reload, submit for review, approve, activate and roll back rule-set versions on a running server.")
public final class RuleSetsCommand extends CommandGroup {
    @Mixin
    AdminConnection connection;

    @Command(name = "list", description = "Every rule set, its versions and which one serves.")
    int list() throws Exception {
        return connection.print("GET", "/admin/rule-sets", null);
    }

    @Command(name = "reload", description = "Load version folders added since the server started.")
    int reload() throws Exception {
        return connection.print("POST", "/admin/rule-sets/reload", null);
    }

    @Command(name = "submit", description = "Submit VERSION of RULE-SET for review (author): its checks run and its clinical-safety evidence pack is stored.")
    int submit(@Parameters(paramLabel = "RULE-SET") String id, @Parameters(paramLabel = "VERSION") String version) throws Exception {
        return connection.print("POST", versionPath(id, version) + "/submit", null);
    }

    @Command(name = "evidence", description = "Print VERSION's evidence pack (Markdown), ending with its SHA-256 and sign-off.")
    int evidence(@Parameters(paramLabel = "RULE-SET") String id, @Parameters(paramLabel = "VERSION") String version) throws Exception {
        return connection.print("GET", versionPath(id, version) + "/evidence", null);
    }

    @Command(name = "approve", description = "Approve VERSION's evidence pack (clinical safety officer; never a version you submitted or authored).")
    int approve(@Parameters(paramLabel = "RULE-SET") String id, @Parameters(paramLabel = "VERSION") String version,
                @Option(names = "--evidence-sha256", required = true, paramLabel = "SHA256",
                        description = "The SHA-256 the evidence pack you read ends with: a pack resubmitted since is not approved.") String sha) throws Exception {
        return connection.print("POST", versionPath(id, version) + "/approve", "{\"evidenceSha256\":\"" + sha + "\"}");
    }

    @Command(name = "activate", description = "Serve VERSION of RULE-SET (operator; refused unless approved, it lints clean and its scenarios pass).")
    int activate(@Parameters(paramLabel = "RULE-SET") String id, @Parameters(paramLabel = "VERSION") String version) throws Exception {
        return connection.print("POST", "/admin/rule-sets/" + id + "/activate", "{\"version\":\"" + version + "\"}");
    }

    @Command(name = "rollback", description = "Go one step back through the activation history (twice = two versions back).")
    int rollback(@Parameters(paramLabel = "RULE-SET") String id) throws Exception {
        return connection.print("POST", "/admin/rule-sets/" + id + "/rollback", null);
    }

    @Command(name = "history", description = "Activations and rollbacks: who, when, from, to.")
    int history(@Parameters(paramLabel = "RULE-SET") String id) throws Exception {
        return connection.print("GET", "/admin/rule-sets/" + id + "/activations", null);
    }

    private static String versionPath(String id, String version) {
        return "/admin/rule-sets/" + id + "/versions/" + version;
    }
}
