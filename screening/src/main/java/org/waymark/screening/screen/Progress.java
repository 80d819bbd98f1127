package org.waymark.screening.screen;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports screening progress every couple of seconds: a one-line bar with rate and ETA on a terminal,
 * plain periodic lines otherwise (logs, CI). Counts only; never patient data.
 */
final class Progress implements AutoCloseable {
    /** ANSI erase to end of line. */
    static final String CLEAR_TO_END = "\u001b[K";
    private final PrintStream out;
    private final boolean terminal;
    private final Thread reporter;
    private final long started = System.nanoTime();
    final AtomicLong patients = new AtomicLong();
    final AtomicLong lines = new AtomicLong();
    /** Input bytes read in pass 1, of {@link #bytesTotal}: the partitioning phase's share done. */
    final AtomicLong bytes = new AtomicLong();
    volatile long bytesTotal = 1;
    final AtomicLong partitionsDone = new AtomicLong();
    private volatile String phase = "partitioning";
    private volatile long partitions = 1;

    Progress(PrintStream out, boolean terminal, Duration every) {
        this.out = out;
        this.terminal = terminal;
        this.reporter = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(every.toMillis());
                    print(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "screening-progress");
        reporter.setDaemon(true);
        reporter.start();
    }

    /** Moves to the next phase; leaving pass 1 prints its time, which the screening benchmark reports. */
    synchronized void phase(String name, long total) {
        if (phase.equals("partitioning")) {
            out.printf(Locale.ROOT, "%sscreening: pass 1 (partitioning) read %,d lines in %.1f s%s%n", terminal ? "\r" : "", lines.get(),
                    (System.nanoTime() - started) / 1e9, terminal ? CLEAR_TO_END : "");
        }
        phase = name;
        partitions = Math.max(1, total);
    }

    private synchronized void print(boolean last) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        long p = patients.get();
        double rate = p / seconds;
        boolean partitioning = phase.equals("partitioning");
        double share = partitioning ? Math.min(1, bytes.get() / (double) Math.max(1, bytesTotal)) : partitionsDone.get() / (double) partitions;
        String eta = share > 0 && share < 1 ? String.format(Locale.ROOT, ", ETA %ds", Math.round(seconds / share - seconds)) : "";
        String text = partitioning
                ? String.format(Locale.ROOT, "screening: partitioning, %,d lines read, %d%% of input%s", lines.get(), Math.round(share * 100), eta)
                : String.format(Locale.ROOT, "screening: %d/%d partitions, %,d patients, %,.0f patients/s%s",
                partitionsDone.get(), partitions, p, rate, eta);
        if (terminal) {
            int width = 30;
            int filled = (int) Math.round(share * width);
            // Clearing to the end of the line leaves nothing of a longer earlier line behind.
            out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + text + CLEAR_TO_END + (last ? "\n" : ""));
        } else {
            out.println(text);
        }
        out.flush();
    }

    @Override
    public void close() {
        reporter.interrupt();
        print(true);
    }
}
