package org.waymark.engine.time;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Working days in England: Monday to Friday except bank holidays (CR-0). The holidays are data
 * ({@code england-bank-holidays.csv} beside this class), not rules in code.
 */
public final class WorkingCalendar {
    private static final WorkingCalendar ENGLAND = load("england-bank-holidays.csv");

    private final Set<LocalDate> holidays;

    WorkingCalendar(Set<LocalDate> holidays) {
        this.holidays = Set.copyOf(holidays);
    }

    public static WorkingCalendar england() {
        return ENGLAND;
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /** The date {@code days} working days after {@code start} (start itself not counted). */
    public LocalDate addWorkingDays(LocalDate start, int days) {
        return step(start, days, 1);
    }

    /** The date {@code days} working days before {@code end} (end itself not counted). */
    public LocalDate subtractWorkingDays(LocalDate end, int days) {
        return step(end, days, -1);
    }

    /** Moves {@code days} working days from {@code from}, one calendar day at a time in {@code direction} (+1 or -1). */
    private LocalDate step(LocalDate from, int days, int direction) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
        LocalDate d = from;
        for (int left = days; left > 0; ) {
            d = d.plusDays(direction);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Working days after {@code from} up to and including {@code to}; 0 when {@code to} is not after it. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    private static WorkingCalendar load(String resource) {
        try (InputStream in = WorkingCalendar.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bank holiday calendar " + resource + " is missing from the classpath");
            }
            Set<LocalDate> days = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("date,")) {
                    continue;
                }
                days.add(LocalDate.parse(line.substring(0, line.indexOf(','))));
            }
            return new WorkingCalendar(days);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
