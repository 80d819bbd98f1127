package org.waymark.engine.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files framed by their own SHA-256: each read once per {@link ContentDigest.FileHashes}, and any byte still counts. */
class ContentDigestTest {
    @TempDir
    Path dir;

    private Path shared() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("shared/sub"));
        Files.writeString(folder.resolve("a.drl"), "rule \"A\" when then end", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("shared/b.csv"), "code,display\n1,One\n", StandardCharsets.UTF_8);
        return dir.resolve("shared");
    }

    @Test
    void aFolderFramedInManyDigestsIsReadOnceAndHashesAlikeEachTime() throws IOException {
        Path folder = shared();
        ContentDigest.FileHashes files = new ContentDigest.FileHashes();
        String first = new ContentDigest(files).text("version", "x@1").folder("shared", folder).hex();
        String second = new ContentDigest(files).text("version", "x@1").folder("shared", folder).hex();
        new ContentDigest(files).text("version", "y@1").folder("shared", folder).hex();
        assertEquals(first, second);
        assertEquals(2, files.reads(), "each of the two files read and hashed once");
        assertEquals(first, new ContentDigest(new ContentDigest.FileHashes()).text("version", "x@1").folder("shared", folder).hex());
    }

    @Test
    void oneByteChangedInAFileChangesTheDigestMadeWithNewFileHashes() throws IOException {
        Path folder = shared();
        String before = new ContentDigest(new ContentDigest.FileHashes()).folder("shared", folder).hex();
        Files.writeString(folder.resolve("b.csv"), "code,display\n1,one\n", StandardCharsets.UTF_8);
        assertNotEquals(before, new ContentDigest(new ContentDigest.FileHashes()).folder("shared", folder).hex());
    }

    @Test
    void aFileFramedByItsHashNeverHashesAsAFileFramedByItsBytes() throws Exception {
        Path folder = shared();
        assertNotEquals(new ContentDigest().folder("shared", folder).hex(),
                new ContentDigest(new ContentDigest.FileHashes()).folder("shared", folder).hex());
        // A file whose bytes are another file's SHA-256 still differs from that file framed by its hash.
        Path a = folder.resolve("sub/a.drl");
        Path spelled = Files.write(dir.resolve("spelled"), java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(a)));
        assertNotEquals(new ContentDigest().file("a", spelled).hex(), new ContentDigest(new ContentDigest.FileHashes()).file("a", a).hex());
    }

    @Test
    void aMissingFileHashesAsMissingEitherWay() throws IOException {
        Path missing = dir.resolve("none");
        assertEquals(new ContentDigest().file("f", missing).hex(), new ContentDigest(new ContentDigest.FileHashes()).file("f", missing).hex());
    }
}
