package org.waymark.api.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptKnowledgeFilesTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @TempDir
    Path data;

    @Test
    void keptBytesReadBackFromOwnerOnlyFiles() throws Exception {
        KeptKnowledgeFiles kept = new KeptKnowledgeFiles(data, "build");
        assertEquals(Optional.empty(), kept.read(A), "nothing kept yet");
        kept.keep(A, new byte[] {1, 2, 3});

        assertArrayEquals(new byte[] {1, 2, 3}, new KeptKnowledgeFiles(data, "build").read(A).orElseThrow(), "another process reads it");
        Path folder = data.resolve(KeptKnowledgeFiles.FOLDER);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        try (var files = Files.list(folder)) {
            List<Path> all = files.toList();
            assertEquals(List.of(folder.resolve(A + ".kb")), all, "one file, no temporary left");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(all.get(0))));
        }
    }

    @Test
    void aKeyThatIsNotASha256IsNeitherReadNorKept() {
        KeptKnowledgeFiles kept = new KeptKnowledgeFiles(data, "build");
        kept.keep("../escape", new byte[] {1});
        assertEquals(Optional.empty(), kept.read("../escape"));
        assertFalse(Files.exists(data.resolve(KeptKnowledgeFiles.FOLDER).resolve("../escape.kb")));
    }

    @Test
    void forgettingOthersLeavesOnlyWhatThisProcessReadOrKept() throws Exception {
        new KeptKnowledgeFiles(data, "old build").keep(A, new byte[] {1});
        KeptKnowledgeFiles kept = new KeptKnowledgeFiles(data, "build");
        kept.keep(B, new byte[] {2});
        Files.writeString(data.resolve(KeptKnowledgeFiles.FOLDER).resolve(B + "123.tmp"), "left by a crash");

        kept.forgetOthers();

        try (var files = Files.list(data.resolve(KeptKnowledgeFiles.FOLDER))) {
            assertEquals(List.of(B + ".kb"), files.map(f -> f.getFileName().toString()).toList());
        }
        assertTrue(kept.read(B).isPresent());
    }
}
