package org.waymark.api.cli;

import picocli.CommandLine.Command;

/** {@code waymark}: the top-level command; each job is a subcommand in its own class. */
@Command(name = "waymark", mixinStandardHelpOptions = true, version = "Waymark 0.1.0",
        description = "Rules-based clinical decision support and care pathways for neighbourhood care.",
        subcommands = {
                ServeCommand.class,
                PathwaysCommand.class,
                ReplayCommand.class,
                LintCommand.class,
                DiffCommand.class,
                RuleSetsCommand.class,
                GenerateCommand.class,
                ScreenCommand.class,
                AuditCommand.class,
                BackupCommand.class,
                RestoreCommand.class,
        })
public final class WaymarkCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
