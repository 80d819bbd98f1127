package org.waymark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system, all threads) a process on this machine has used so far, from {@code /proc/<pid>/stat}.
 * On a machine shared with other work, CPU per request is the figure least disturbed: wall-clock latency
 * and throughput depend on how much of the cores the other work leaves.
 */
record ProcessCpu(long pid, long ticksPerSecond) {
    ProcessCpu {
        if (pid <= 0 || ticksPerSecond <= 0) {
            throw new IllegalArgumentException("pid and clock ticks per second must be positive");
        }
    }

    /** CPU milliseconds used so far, or NaN where {@code /proc} cannot tell (not Linux, process gone). */
    double millis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces), from field 3: utime and stime are fields 14 and 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000.0 / ticksPerSecond;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
