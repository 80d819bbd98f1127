package org.waymark.cli.admin;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.waymark.cli.options.AdminConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code waymark backup --out <file>}: an online backup of a running server's embedded store, through the admin API. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the embedded store of a running server to a zip file (consistent, while it serves). PostgreSQL: use pg_dump.")
public final class BackupCommand implements Callable<Integer> {
    @Mixin AdminConnection connection;

    @Option(names = "--out", required = true, description = "The backup zip to write (must not exist; created readable by its owner only).") Path out;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out)) {
            System.out.println(out + " already exists: choose a new file");
            return 2;
        }
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            HttpResponse<Path> response = connection.send("POST", "/admin/backup", null,
                    HttpResponse.BodyHandlers.ofFile(partial, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
            if (response.statusCode() != 200) {
                System.out.println("backup refused (" + response.statusCode() + "): " + Files.readString(partial));
                return 1;
            }
            Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("backup written to " + out + " (" + Files.size(out) + " bytes)");
            return 0;
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
