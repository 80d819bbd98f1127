package org.waymark.cli.admin;

import java.util.concurrent.Callable;
import org.waymark.cli.options.AdminConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code waymark rule-sets ...}: the rule-set admin API from the command line (see {@link AdminConnection}). */
@Command(name = "rule-sets", mixinStandardHelpOptions = true, description = "List, reload, activate and roll back rule-set versions on a running server.",
        subcommands = {RuleSetsCommand.List.class, RuleSetsCommand.Reload.class, RuleSetsCommand.Activate.class,
                RuleSetsCommand.Rollback.class, RuleSetsCommand.History.class})
public final class RuleSetsCommand implements Runnable {
    @picocli.CommandLine.Mixin
    AdminConnection connection;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    int call(String method, String path, String body) throws Exception {
        return connection.print(method, path, body);
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
