package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** The reader's set-up, run on its own thread before screening, reads an empty resource of every type pass 2 reads. */
class PatientLinesTest {
    @Test
    void theReaderSetsUpEveryTypePassTwoReads() {
        assertDoesNotThrow(PatientLines::setUp);
    }
}
