package org.waymark.engine.facts;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * England's calendar for {@link EntryTime}, remembered by day: java.time looks up Europe/London's rules for the year
 * at every call (a map lookup after the last listed transition), and every dated entry, and every date comparison of
 * a rule, asks. Gives exactly what java.time gives: each answer is java.time's, computed once per day.
 *
 * <p>Direct-mapped tables of entries read whole or not at all (immutable objects, or longs read and written atomically),
 * each naming the day it holds: a race between threads at worst computes a day again, never a wrong one.
 */
final class EnglandDays {
    private static final int SLOTS = 1 << 13;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final ZoneRules RULES = EntryTime.ZONE.getRules();
    /**
     * Each day's start as one long, {@code epochDay << 20 | (offset + 2^19)}, offset the seconds from UTC midnight (under
     * a day, so it fits; a slot never written, 0, holds no day), read and written whole ({@link #SLOT}): no object to
     * follow per lookup, which in a table of years of days was a cache miss each time.
     */
    private static final long[] STARTS = new long[SLOTS];
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int OFFSET_BITS = 20;
    private static final long OFFSET_BIAS = 1L << (OFFSET_BITS - 1);

    /** England's UTC offset throughout the UTC day {@code utcDay}, when it does not change during that day. */
    private record Offset(long utcDay, int seconds, boolean constant) {
    }

    private static final Offset[] OFFSETS = new Offset[SLOTS];

    private EnglandDays() {
    }

    /** As {@code date.atStartOfDay(EntryTime.ZONE).toInstant()}. */
    static Instant startOfDay(LocalDate date) {
        long day = date.toEpochDay();
        int slot = (int) (day & (SLOTS - 1));
        long entry = (long) SLOT.getOpaque(STARTS, slot);
        long offset = (entry & ((1L << OFFSET_BITS) - 1)) - OFFSET_BIAS;
        if (entry != 0 && entry >> OFFSET_BITS == day) {
            return Instant.ofEpochSecond(day * SECONDS_PER_DAY + offset);
        }
        Instant start = date.atStartOfDay(EntryTime.ZONE).toInstant();
        SLOT.setOpaque(STARTS, slot, day << OFFSET_BITS | (start.getEpochSecond() - day * SECONDS_PER_DAY + OFFSET_BIAS));
        return start;
    }

    /** As {@code LocalDate.ofInstant(instant, EntryTime.ZONE)}: the local second's day, at the offset in force then. */
    static LocalDate dateOf(Instant instant) {
        long second = instant.getEpochSecond();
        long utcDay = Math.floorDiv(second, SECONDS_PER_DAY);
        int slot = (int) (utcDay & (SLOTS - 1));
        Offset o = OFFSETS[slot];
        if (o == null || o.utcDay() != utcDay) {
            o = offsetThroughout(utcDay);
            OFFSETS[slot] = o;
        }
        if (!o.constant()) {
            // A day the clocks change: java.time finds the offset at the instant itself.
            return LocalDate.ofInstant(instant, EntryTime.ZONE);
        }
        return LocalDate.ofEpochDay(Math.floorDiv(second + o.seconds(), SECONDS_PER_DAY));
    }

    private static Offset offsetThroughout(long utcDay) {
        Instant start = Instant.ofEpochSecond(utcDay * SECONDS_PER_DAY);
        ZoneOffsetTransition next = RULES.nextTransition(start);
        boolean constant = next == null || next.toEpochSecond() >= start.getEpochSecond() + SECONDS_PER_DAY;
        return new Offset(utcDay, RULES.getOffset(start).getTotalSeconds(), constant);
    }
}
