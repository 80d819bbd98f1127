package org.waymark.engine.privacy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only Waymark's own user may read: secrets and the store. On POSIX systems a private folder is 0700 and a
 * private file 0600, set at creation (no moment when they are readable by others) and tightened if found looser.
 * Elsewhere the platform's defaults apply.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code folder} (and missing parents) if needed and makes it private. */
    public static Path folder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            if (posix()) {
                Files.createDirectories(folder, attribute(FOLDER));
            } else {
                Files.createDirectories(folder);
            }
        }
        restrict(folder, FOLDER);
        return folder;
    }

    /** Writes {@code content} to a new private file; fails if it exists. */
    public static void create(Path file, String content) throws IOException {
        if (posix()) {
            Files.createFile(file, attribute(FILE));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    /** Makes an existing file private (0600). */
    public static void restrict(Path file) throws IOException {
        restrict(file, FILE);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(path).equals(permissions)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
