package org.waymark.api.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedUuidsTest {
    private static final Instant AT = Instant.parse("2026-11-25T21:00:00.123Z");

    private static UUID madeAt(Instant at) {
        return new TimeOrderedUuids(Clock.fixed(at, ZoneOffset.UTC)).get();
    }

    @Test
    void isAVersion7UuidCarryingTheMillisecondItWasMadeIn() {
        UUID uuid = madeAt(AT);
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant());
        assertEquals(AT.toEpochMilli(), uuid.getMostSignificantBits() >>> 16);
        // As text too, which is how the audit store keys a card: the first 12 hex digits are the milliseconds.
        assertEquals(String.format("%012x", AT.toEpochMilli()), uuid.toString().replace("-", "").substring(0, 12));
    }

    @Test
    void aLaterMillisecondSortsAfterAnEarlierOneAsText() {
        for (int i = 0; i < 1_000; i++) {
            String earlier = madeAt(AT).toString();
            String later = madeAt(AT.plusMillis(1)).toString();
            assertTrue(earlier.compareTo(later) < 0, earlier + " should sort before " + later);
        }
    }

    @Test
    void uuidsOfTheSameMillisecondDifferInTheirRandomBits() {
        TimeOrderedUuids uuids = new TimeOrderedUuids(Clock.fixed(AT, ZoneOffset.UTC));
        Set<UUID> seen = new HashSet<>();
        Set<Long> randomA = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID uuid = uuids.get();
            assertTrue(seen.add(uuid), "a uuid repeated within one millisecond: " + uuid);
            randomA.add(uuid.getMostSignificantBits() & 0xFFF);
        }
        // The 12 bits after the version are random as well, not a constant.
        assertTrue(randomA.size() > 1_000, "the 12 random bits took only " + randomA.size() + " values");
    }
}
