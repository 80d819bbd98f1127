package org.waymark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The screening benchmark's yardstick: a plain Jackson pass ({@code readTree} of every line) over the same
 * NDJSON files, on one thread and then with N parsing threads (lines read on one thread, parsed in batches). Prints MB/s
 * and patients/s (patients: the lines of Patient.ndjson) in a form bench/run.sh parses.
 */
public final class JacksonPass {
    private JacksonPass() {
    }

    public static void main(String[] args) throws Exception {
        Path input = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        List<Path> files;
        try (Stream<Path> s = Files.list(input)) {
            files = s.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        long patients;
        try (Stream<String> lines = Files.lines(input.resolve("Patient.ndjson"))) {
            patients = lines.count();
        }
        pass(files, 1);   // warm-up, so both timed passes run compiled code
        report("one thread", bytes, patients, pass(files, 1));
        report(threads + " threads", bytes, patients, pass(files, threads));
    }

    /** Reads lines on this thread and parses them in batches on {@code threads} workers (inline for one thread). */
    private static double pass(List<Path> files, int threads) throws Exception {
        ObjectMapper json = new ObjectMapper();
        AtomicLong nodes = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Semaphore inFlight = new Semaphore(threads * 2);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (Path f : files) {
                try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    List<String> batch = new ArrayList<>();
                    String line;
                    while ((line = in.readLine()) != null) {
                        batch.add(line);
                        if (batch.size() == 2000) {
                            jobs.add(parse(pool, inFlight, json, batch, nodes, threads));
                            batch = new ArrayList<>();
                        }
                    }
                    jobs.add(parse(pool, inFlight, json, batch, nodes, threads));
                }
            }
            for (Future<?> j : jobs) {
                j.get();
            }
        } finally {
            pool.shutdown();
        }
        if (nodes.get() == 0) {
            throw new IllegalStateException("no JSON read");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static Future<?> parse(ExecutorService pool, Semaphore inFlight, ObjectMapper json, List<String> batch, AtomicLong nodes, int threads)
            throws Exception {
        Callable<Object> task = () -> {
            try {
                for (String l : batch) {
                    nodes.addAndGet(json.readTree(l).size());
                }
            } finally {
                inFlight.release();
            }
            return null;
        };
        inFlight.acquire();
        if (threads == 1) {
            task.call();
            return CompletableFuture.completedFuture(null);
        }
        return pool.submit(task);
    }

    private static void report(String label, long bytes, long patients, double seconds) {
        System.out.printf(Locale.ROOT, "plain Jackson readTree, %s: %.1f s, %.1f MB/s, %.0f patients/s%n", label, seconds, bytes / 1e6 / seconds,
                patients / seconds);
    }
}
