package org.waymark.engine.util;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequireTest {
    @Test
    void presentValuesPass() {
        assertDoesNotThrow(() -> Require.nonNull("id, version", "a", 1));
    }

    @Test
    void theFirstMissingValueIsNamed() {
        assertEquals("version", assertThrows(NullPointerException.class, () -> Require.nonNull("id, version, status", "a", null, null)).getMessage());
        assertEquals("id", assertThrows(NullPointerException.class, () -> Require.nonNull("id", (Object) null)).getMessage());
    }

    @Test
    void namesAndValuesMustPair() {
        assertThrows(IllegalArgumentException.class, () -> Require.nonNull("id, version", "a"));
    }
}
