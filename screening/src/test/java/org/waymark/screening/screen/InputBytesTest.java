package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pass 2 reads plain NDJSON files where pass 1 indexed their lines, and says so when a file is not as pass 1 read it. */
class InputBytesTest {
    @TempDir
    Path dir;

    @Test
    void linesAreReadWhereTheyLieAndAFileThatChangedIsReported() throws IOException {
        byte[] content = "{\"a\":1}\n{\"b\":22}\n".getBytes(StandardCharsets.UTF_8);
        Path plain = Files.write(dir.resolve("Observation.ndjson"), content);
        Path gzipped = Files.write(dir.resolve("Condition.ndjson.gz"), new byte[] {31, -117});
        Path bundle = Files.write(dir.resolve("bundle.json"), "{}".getBytes(StandardCharsets.UTF_8));
        assertTrue(InputBytes.readsAgain(plain));
        assertFalse(InputBytes.readsAgain(gzipped), "a gzipped file cannot be read at an offset");
        assertFalse(InputBytes.readsAgain(bundle), "a Bundle's entries are not lines of it");

        // Mapped, and read a call at a time as a file the system will not map is: the same answers.
        for (boolean map : new boolean[] {true, false}) {
            try (InputBytes inputs = InputBytes.open(List.of(plain, gzipped, bundle), map)) {
                assertArrayEquals(Arrays.copyOfRange(content, 8, 16), inputs.read("Observation.ndjson", 8, 8));
                assertArrayEquals(Arrays.copyOfRange(content, 0, 7), inputs.read("Observation.ndjson", 0, 7));
                IOException changed = assertThrows(IOException.class, () -> inputs.read("Observation.ndjson", 12, 8));
                assertTrue(changed.getMessage().contains("changed"), changed.getMessage());
                assertThrows(IOException.class, () -> inputs.read("Observation.ndjson", InputBytes.CHUNK * 3, 2));
                IOException notMapped = assertThrows(IOException.class, () -> inputs.read("Condition.ndjson.gz", 0, 1));
                assertTrue(notMapped.getMessage().contains("not among the inputs"), notMapped.getMessage());
            }
        }
    }
}
