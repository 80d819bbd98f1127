package org.waymark.cli.admin;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.waymark.api.store.StoreBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code waymark restore --from <zip> --data <folder>}: a backup made by {@code waymark backup} becomes a new embedded store. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup zip into an empty data folder (with the server stopped); then serve with --data <folder>.")
public final class RestoreCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "A zip written by waymark backup.") Path from;

    @Option(names = "--data", required = true, description = "The data folder to restore into (must hold no store yet).") Path data;

    @Override
    public Integer call() {
        Path store = StoreBackup.restore(from, data);
        System.out.println("restored " + store + "; copy pseudonym.key from your key backup into " + data
                + " (or set WAYMARK_PSEUDONYM_KEY) before serving with --data " + data);
        return 0;
    }
}
