package org.waymark.api.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * An online backup of the embedded H2 store: H2's {@code BACKUP TO} writes a zip of the database file from a
 * consistent snapshot (MVCC) while the server goes on reading and writing. Restoring is unzipping it into an
 * empty data folder. PostgreSQL stores are backed up with {@code pg_dump} instead (docs/operations.md).
 */
public final class StoreBackup {
    /** The embedded store's file, inside the data folder and inside a backup zip. */
    static final String STORE_FILE = "waymark.mv.db";

    private final Database db;

    public StoreBackup(Database db) {
        this.db = db;
    }

    /** Whether this store can be backed up here (H2), rather than with the database's own tools. */
    public boolean supported() {
        return db.kind().equals("h2");
    }

    /** Writes the backup zip to {@code zip}, which must not exist yet. */
    public void writeTo(Path zip) {
        if (!supported()) {
            throw new IllegalStateException("a " + db.kind() + " store is backed up with its own tools (pg_dump), not by Waymark");
        }
        if (Files.exists(zip)) {
            throw new IllegalArgumentException("backup file " + zip + " already exists");
        }
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("backup failed: " + e.getMessage(), e);
        }
    }

    /**
     * Unzips a backup into {@code dataDir} as its embedded store (owner-only permissions), refusing to overwrite an
     * existing store. The server must not be running on {@code dataDir}.
     */
    public static Path restore(Path zip, Path dataDir) {
        Path target = dataDir.resolve(STORE_FILE);
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " already exists: restore into an empty data folder");
        }
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                // Only the store file is taken, by its fixed name, so no entry can write outside dataDir.
                if (e.getName().equals(STORE_FILE)) {
                    Files.createDirectories(dataDir);
                    Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.copy(entries, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    return target;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + zip + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(zip + " is not a Waymark backup (no " + STORE_FILE + " inside)");
    }
}
