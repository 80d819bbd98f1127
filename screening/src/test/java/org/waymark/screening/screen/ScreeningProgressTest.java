package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The progress line on a terminal: partitioning shows its share of the input, and every redraw clears to the end of the line. */
class ScreeningProgressTest {
    @Test
    void partitioningShowsTheShareOfInputReadAndTheLineIsClearedToItsEnd() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (Progress progress = new Progress(new PrintStream(buffer, true, StandardCharsets.UTF_8), true, Duration.ofHours(1))) {
            progress.bytesTotal = 1000;
            progress.bytes.set(250);
            progress.lines.set(12_345);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\r[########                      ] screening: partitioning, 12,345 lines read, 25% of input, ETA "), out);
        assertTrue(out.endsWith(Progress.CLEAR_TO_END + "\n"), "the last line leaves no characters of a longer earlier one: " + out);
    }

    @Test
    void leavingPartitioningClearsTheBarItOverwrites() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (Progress progress = new Progress(new PrintStream(buffer, true, StandardCharsets.UTF_8), true, Duration.ofHours(1))) {
            progress.phase("screening", 4);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.matches("(?s)\rscreening: pass 1 \\(partitioning\\) read 0 lines in [0-9.]+ s\u001b\\[K\n\r\\[ +\\] screening: 0/4 partitions.*"), out);
    }
}
