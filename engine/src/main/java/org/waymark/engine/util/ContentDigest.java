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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One SHA-256 over texts, files and whole folders (the serving gate's kept passes, a shared definition's content). Every item is framed by its kind, name and length, so that no two
 * different sequences of inputs (a byte moved from one file to the next, a file renamed) hash alike.
 */
public final class ContentDigest {
    private final MessageDigest sha256;
    // Present: each file is framed by its own SHA-256 from here rather than by its bytes.
    private final Optional<FileHashes> files;

    /** Files framed by their bytes. */
    public ContentDigest() {
        this(Optional.empty());
    }

    /**
     * Files framed by their own SHA-256, taken from {@code files}: a file framed in many digests (a shared definition's
     * folder, in every version that uses it) is then read and hashed once. A different kind of frame from a file's
     * bytes, so the two never hash alike.
     */
    public ContentDigest(FileHashes files) {
        this(Optional.of(files));
    }

    private ContentDigest(Optional<FileHashes> files) {
        sha256 = sha256();
        this.files = files;
    }

    public ContentDigest text(String label, String value) {
        return frame("text", label, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The file's bytes under {@code name}, or a mark that it is missing (what reads it then fails, so nothing passes). */
    public ContentDigest file(String name, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return frame("missing", name, new byte[0]);
        }
        return files.isPresent() ? frame("file sha256", name, files.get().of(file)) : frame("file", name, Files.readAllBytes(file));
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private ContentDigest frame(String kind, String name, byte[] bytes) {
        sha256.update((kind + "\0" + name + "\0" + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
        sha256.update(bytes);
        return this;
    }

    /**
     * The SHA-256 of files' bytes, each file read and hashed once, for as long as this object is kept: a file changed
     * after it was first hashed is not seen, so keep one only for one pass over files that do not change meanwhile (one
     * start-up). Safe to use side by side.
     */
    public static final class FileHashes {
        private final Map<Path, byte[]> known = new ConcurrentHashMap<>();
        private final AtomicInteger reads = new AtomicInteger();

        byte[] of(Path file) throws IOException {
            Path key = file.toAbsolutePath().normalize();
            byte[] hash = known.get(key);
            if (hash != null) {
                return hash;
            }
            reads.incrementAndGet();
            hash = sha256().digest(Files.readAllBytes(key));
            // Two threads may hash a file at once: both then frame the first one kept.
            byte[] first = known.putIfAbsent(key, hash);
            return first != null ? first : hash;
        }

        /** How many times a file was read and hashed. */
        int reads() {
            return reads.get();
        }
    }
}
