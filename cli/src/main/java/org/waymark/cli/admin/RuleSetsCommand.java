package org.waymark.cli.admin;

import org.waymark.cli.options.AdminConnection;
import org.waymark.cli.options.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code waymark rule-sets ...}: the rule-set admin API from the command line (see {@link AdminConnection}). Each
 * subcommand is one admin call, so each is a method.
 */
@Command(name = "rule-sets", mixinStandardHelpOptions = true, description = "List, reload, activate and roll back rule-set versions on a running server.")
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

    @Command(name = "activate", description = "Serve VERSION of RULE-SET (refused unless it lints clean and its scenarios pass).")
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
}
