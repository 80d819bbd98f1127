package org.waymark.api.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code waymark rule-sets ...}: the admin API from the command line. The admin token is read from the
 * environment (WAYMARK_ADMIN_TOKEN) or a file, never from an argument, so it stays out of shell history.
 */
@Command(name = "rule-sets", mixinStandardHelpOptions = true, description = "List, reload, activate and roll back rule-set versions on a running server.",
        subcommands = {RuleSetsCommand.List.class, RuleSetsCommand.Reload.class, RuleSetsCommand.Activate.class,
                RuleSetsCommand.Rollback.class, RuleSetsCommand.History.class})
final class RuleSetsCommand implements Runnable {
    @Option(names = "--server", defaultValue = "${env:WAYMARK_SERVER:-http://localhost:8080}", description = "Waymark server (default ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--token-file", description = "Read the admin token from this file instead of WAYMARK_ADMIN_TOKEN.")
    java.nio.file.Path tokenFile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    int call(String method, String path, String body) throws Exception {
        String token = tokenFile != null ? java.nio.file.Files.readString(tokenFile).strip() : System.getenv("WAYMARK_ADMIN_TOKEN");
        if (token == null || token.isBlank()) {
            System.out.println("set WAYMARK_ADMIN_TOKEN (or --token-file) to your admin token");
            return 2;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.body());
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }

    @Command(name = "list", description = "Every rule set, its versions and which one serves.")
    static final class List implements Callable<Integer> {
        @ParentCommand
        RuleSetsCommand parent;

        @Override
        public Integer call() throws Exception {
            return parent.call("GET", "/admin/rule-sets", null);
        }
    }

    @Command(name = "reload", description = "Load version folders added since the server started.")
    static final class Reload implements Callable<Integer> {
        @ParentCommand
        RuleSetsCommand parent;

        @Override
        public Integer call() throws Exception {
            return parent.call("POST", "/admin/rule-sets/reload", null);
        }
    }

    @Command(name = "activate", description = "Serve VERSION of RULE-SET (refused unless it lints clean and its scenarios pass).")
    static final class Activate implements Callable<Integer> {
        @ParentCommand
        RuleSetsCommand parent;

        @Parameters(index = "0", paramLabel = "RULE-SET")
        String id;

        @Parameters(index = "1", paramLabel = "VERSION")
        String version;

        @Override
        public Integer call() throws Exception {
            return parent.call("POST", "/admin/rule-sets/" + id + "/activate", "{\"version\":\"" + version + "\"}");
        }
    }

    @Command(name = "rollback", description = "Go one step back through the activation history (twice = two versions back).")
    static final class Rollback implements Callable<Integer> {
        @ParentCommand
        RuleSetsCommand parent;

        @Parameters(index = "0", paramLabel = "RULE-SET")
        String id;

        @Override
        public Integer call() throws Exception {
            return parent.call("POST", "/admin/rule-sets/" + id + "/rollback", null);
        }
    }

    @Command(name = "history", description = "Activations and rollbacks: who, when, from, to.")
    static final class History implements Callable<Integer> {
        @ParentCommand
        RuleSetsCommand parent;

        @Parameters(index = "0", paramLabel = "RULE-SET")
        String id;

        @Override
        public Integer call() throws Exception {
            return parent.call("GET", "/admin/rule-sets/" + id + "/activations", null);
        }
    }
}
