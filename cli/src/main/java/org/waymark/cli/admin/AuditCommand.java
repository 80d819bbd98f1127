package org.waymark.cli.admin;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.waymark.api.audit.FeedbackStore;
import org.waymark.api.store.Database;
import org.waymark.cli.options.CommandGroup;
import org.waymark.cli.options.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code waymark audit list}: audit events from a running server's admin API (the server holds the embedded store);
 * {@code waymark audit acceptance}: acceptance rates per recommendation code and rule-set version, from the store.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Reports from the audit and feedback store.",
        subcommands = {AuditList.class, AuditCommand.Acceptance.class})
public final class AuditCommand extends CommandGroup {
    @Command(name = "acceptance", mixinStandardHelpOptions = true, description = "Cards issued, accepted and overridden per code and rule-set version.")
    static final class Acceptance implements Callable<Integer> {
        @Mixin StoreOptions store;

        @Override
        public Integer call() {
            Database db = store.open();
            System.out.printf(Locale.ROOT, "%-45s %-16s %7s %9s %10s %10s%n", "code", "rule set", "issued", "accepted", "overridden", "acceptance");
            for (FeedbackStore.Acceptance a : new FeedbackStore(db).acceptance()) {
                System.out.printf(Locale.ROOT, "%-45s %-16s %7d %9d %10d %10s%n", a.code(), a.ruleSet() + "@" + a.ruleSetVersion(), a.issued(),
                        a.accepted(), a.overridden(), Double.isNaN(a.acceptanceRate()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * a.acceptanceRate()));
            }
            return 0;
        }
    }
}
