package org.waymark.api.admin;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.engine.privacy.PrivateFiles;
import org.waymark.engine.ruleset.KeptKnowledge;

/**
 * Compiled rule knowledge kept as files in the data folder's {@code compiled-rules/}, one {@code <key>.kb} per
 * compiled rule-set version or shared definition, readable by Waymark's user only. The engine build in every key is
 * the serving gate's ({@link EngineBuild}); when it cannot be computed nothing is kept or read. Deleting the folder
 * (or a file) makes the next start compile.
 */
public final class KeptKnowledgeFiles implements KeptKnowledge {
    private static final Logger LOG = LoggerFactory.getLogger(KeptKnowledgeFiles.class);
    static final String FOLDER = "compiled-rules";
    private static final String SUFFIX = ".kb";
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private final Path folder;
    private final String build;
    /** The keys read or kept by this process: the files {@link #forgetOthers} leaves. */
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    KeptKnowledgeFiles(Path dataDir, String build) {
        this.folder = dataDir.resolve(FOLDER);
        this.build = build;
    }

    /** The kept knowledge in {@code dataDir}; empty when the engine build cannot be fingerprinted (then every start compiles). */
    public static Optional<KeptKnowledgeFiles> in(Path dataDir) {
        return EngineBuild.running().map(b -> new KeptKnowledgeFiles(dataDir, b.sha256()));
    }

    @Override
    public String build() {
        return build;
    }

    @Override
    public Optional<byte[]> read(String key) {
        used.add(key);
        try {
            return Optional.of(Files.readAllBytes(file(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("compiled rule knowledge {} cannot be read ({}); it is compiled", key, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void keep(String key, byte[] bytes) {
        used.add(key);
        Path temporary = null;
        try {
            Path target = file(key);
            PrivateFiles.folder(folder);
            temporary = Files.createTempFile(folder, key, ".tmp");
            PrivateFiles.restrict(temporary);
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("compiled rule knowledge kept as {} ({} bytes)", target.getFileName(), bytes.length);
        } catch (IOException | RuntimeException e) {
            LOG.warn("compiled rule knowledge cannot be kept in {} ({}); it is compiled at the next start", folder, e.toString());
            deleteQuietly(temporary);
        }
    }

    /**
     * Deletes the kept files no load of this process read or kept (DRL changed since, an older engine build), so the
     * folder does not grow with every change. Called once every version has been loaded at start-up.
     */
    public void forgetOthers() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!(name.endsWith(SUFFIX) && used.contains(name.substring(0, name.length() - SUFFIX.length())))) {
                    deleteQuietly(f);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {} to remove knowledge no longer used ({})", folder, e.toString());
        }
    }

    private Path file(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a SHA-256 key: " + key);
        }
        return folder.resolve(key + SUFFIX);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {} ({})", file, e.toString());
        }
    }
}
