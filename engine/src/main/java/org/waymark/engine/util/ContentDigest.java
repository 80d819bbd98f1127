package org.waymark.engine.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * One SHA-256 over texts, files and whole folders (the serving gate's kept passes, a shared definition's content). Every item is framed by its kind, name and length, so that no two
 * different sequences of inputs (a byte moved from one file to the next, a file renamed) hash alike.
 */
public final class ContentDigest {
    private final MessageDigest sha256;

    public ContentDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public ContentDigest text(String label, String value) {
        return frame("text", label, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The file's bytes under {@code name}, or a mark that it is missing (what reads it then fails, so nothing passes). */
    public ContentDigest file(String name, Path file) throws IOException {
        return Files.isRegularFile(file) ? frame("file", name, Files.readAllBytes(file)) : frame("missing", name, new byte[0]);
    }

    /**
     * Every regular file under {@code folder}, at any depth, named {@code name/<path inside>} in path order; links
     * are followed as the loaders follow them. A missing folder hashes as missing.
     */
    public ContentDigest folder(String name, Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return frame("missing", name, new byte[0]);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        frame("folder", name, new byte[0]);
        for (Path f : files) {
            file(name + "/" + folder.relativize(f).toString().replace('\\', '/'), f);
        }
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    private ContentDigest frame(String kind, String name, byte[] bytes) {
        sha256.update((kind + "\0" + name + "\0" + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
        sha256.update(bytes);
        return this;
    }
}
