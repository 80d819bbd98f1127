package org.waymark.cli;

import org.waymark.cli.admin.AuditCommand;
import org.waymark.cli.admin.BackupCommand;
import org.waymark.cli.admin.RestoreCommand;
import org.waymark.cli.admin.RuleSetsCommand;
import org.waymark.cli.authoring.DiffCommand;
import org.waymark.cli.authoring.LintCommand;
import org.waymark.cli.authoring.ReplayCommand;
import org.waymark.cli.authoring.ScenarioCommand;
import org.waymark.cli.docs.DocsCommand;
import org.waymark.cli.authoring.ValueSetCommand;
import org.waymark.cli.options.CommandGroup;
import org.waymark.cli.population.GenerateCommand;
import org.waymark.cli.population.PathwaysCommand;
import org.waymark.cli.population.ScreenCommand;
import org.waymark.cli.serve.ServeCommand;
import picocli.CommandLine.Command;

/**
 * {@code waymark}: the top-level command; each job is a subcommand in its own class, grouped by package: {@code serve},
 * {@code authoring} (lint, replay, diff), {@code population} (generate, screen, pathway KPIs), {@code admin} (clients of a
 * running server's admin API, and restore); {@code options} holds the options several commands share.
 */
@Command(name = "waymark", mixinStandardHelpOptions = true, version = "Waymark 0.1.0",
        description = "Rules-based clinical decision support and care pathways for neighbourhood care.",
        subcommands = {
                ServeCommand.class,
                PathwaysCommand.class,
                ReplayCommand.class,
                LintCommand.class,
                DiffCommand.class,
                org.waymark.cli.authoring.ExplainCommand.class,
                ScenarioCommand.class,
                DocsCommand.class,
                ValueSetCommand.class,
                RuleSetsCommand.class,
                GenerateCommand.class,
                ScreenCommand.class,
                org.waymark.cli.population.ExportCommand.class,
                AuditCommand.class,
                BackupCommand.class,
                RestoreCommand.class,
        })
public final class WaymarkCommand extends CommandGroup {
}
