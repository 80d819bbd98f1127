package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Blocks of whole lines: every line with its number and offset, whichever block it falls in. */
class LineBlocksTest {
    @Test
    void blocksCountLinesAndOffsetsAcrossBlocks() throws Exception {
        Random random = new Random(11);
        byte[] input = new byte[3 * LineBlocks.BLOCK + 123];
        for (int i = 0; i < input.length; i++) {
            // Mostly text, with bytes one off a newline (9, 11) and high bytes, the cases a word-wide search could get wrong.
            int r = random.nextInt(100);
            input[i] = (byte) (r < 3 ? '\n' : r < 6 ? 9 : r < 9 ? 11 : r < 15 ? 0x80 + random.nextInt(128) : 'a' + random.nextInt(26));
        }
        // One line longer than a block, so the reading buffer grows and shrinks back.
        java.util.Arrays.fill(input, LineBlocks.BLOCK / 2, LineBlocks.BLOCK / 2 + LineBlocks.BLOCK + 77, (byte) 'x');
        List<String> expected = new ArrayList<>();
        long line = 1;
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == '\n') {
                if (start < input.length) {
                    expected.add(line + "@" + start + ":" + (i - start));
                }
                line++;
                start = i + 1;
            }
        }
        // The same lines whether the sink keeps its blocks (read only once the whole input is, so a block's bytes must
        // not change after it was handed over) or not (each read at once, from the reading buffer).
        for (boolean keeps : new boolean[] {true, false}) {
            List<String> seen = new ArrayList<>();
            List<LineBlocks.Block> kept = new ArrayList<>();
            LineBlocks.read(new ByteArrayInputStream(input), LineBlocks.MAX_LINE, new LineBlocks.Sink() {
                @Override
                public void block(LineBlocks.Block block) throws java.io.IOException {
                    if (keeps) {
                        kept.add(block);
                    } else {
                        block.lines((bytes, off, len, n, offset) -> seen.add(n + "@" + offset + ":" + len));
                    }
                }

                @Override
                public boolean keepsBlocks() {
                    return keeps;
                }

                @Override
                public void tooLong(long lineNumber) {
                    throw new AssertionError("no line is too long here");
                }
            });
            for (LineBlocks.Block block : kept) {
                block.lines((bytes, off, len, n, offset) -> seen.add(n + "@" + offset + ":" + len));
            }
            assertEquals(expected, seen, "keeps blocks: " + keeps);
        }
    }
}
