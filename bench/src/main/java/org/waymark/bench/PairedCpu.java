package org.waymark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Two builds of a benchmark side by side in one JVM, each in its own class loader, their rounds alternating: thread CPU
 * per operation of each, and the ratio of the two within each pair of rounds. On a machine whose speed drifts by a
 * quarter within minutes (a shared host), runs of one build after the other cannot show a change of a few percent;
 * rounds a few milliseconds apart meet the same machine, so the paired ratio can. Workloads: the methods of
 * {@link EvaluationBenchmark} (the ~150-resource older patient), or {@code ScreeningBenchmark#screenGenerated} (200
 * generated patients) and {@code #screenRealistic} (20 realistic ones; both with {@code JAVA_OPTS=-XX:TieredStopAtLevel=1},
 * as `waymark screen` runs).
 *
 * <p>{@code bench/run.sh paired OTHER_CHECKOUT [[Class#]method ...]}: each checkout built ({@code bench/target/classes} and its
 * {@code classpath.txt}); the first column is this checkout, the second the other, and a ratio below 1 means the other
 * takes less CPU. Each build reads its own checkout's rule sets. Held against nothing: it compares builds, the limits
 * are {@link EvaluationCpu}'s.
 */
public final class PairedCpu {
    private static final int ROUNDS = 60;
    private static final int WARM_UP_SECONDS = 15;

    private PairedCpu() {
    }

    /** One build's benchmark, loaded on its own. */
    private record Build(String name, ClassLoader loader, Object benchmark) {
        int run(Method m) throws Exception {
            Thread.currentThread().setContextClassLoader(loader);
            return (int) m.invoke(benchmark);
        }
    }

    /** One build's class path: its bench classes and what they run on. */
    private record Checkout(Path path, ClassLoader loader) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PairedCpu THIS_CHECKOUT OTHER_CHECKOUT [[Class#]method ...] (EvaluationBenchmark's methods unless a class is named)");
            System.exit(2);
        }
        List<String> methods = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("evaluateFacts", "streamingParseToFacts");
        Checkout[] checkouts = {checkout(Path.of(args[0])), checkout(Path.of(args[1]))};
        for (String named : methods) {
            int hash = named.indexOf('#');
            String type = hash < 0 ? EvaluationBenchmark.class.getSimpleName() : named.substring(0, hash);
            compare(new Build[] {load(checkouts[0], type), load(checkouts[1], type)}, named.substring(hash + 1));
        }
    }

    private static Checkout checkout(Path checkout) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(checkout.resolve("bench/target/classes").toUri().toURL());
        for (String jar : Files.readString(checkout.resolve("bench/target/classpath.txt")).trim().split(":")) {
            urls.add(Path.of(jar).toUri().toURL());
        }
        return new Checkout(checkout, new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()));
    }

    private static Build load(Checkout from, String simpleName) throws Exception {
        Path checkout = from.path();
        ClassLoader loader = from.loader();
        Class<?> type = loader.loadClass(PairedCpu.class.getPackageName() + "." + simpleName);
        Object benchmark = type.getConstructor().newInstance();
        // Rule compilation runs on a parallel stream, whose workers must find Drools' services in this build.
        ForkJoinPool pool = new ForkJoinPool(2, p -> {
            var worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            worker.setContextClassLoader(loader);
            return worker;
        }, null, false);
        // Each build reads its own checkout's rule sets and pathways.
        System.setProperty("waymark.repo.root", checkout.toAbsolutePath().toString());
        try {
            pool.submit(() -> {
                Thread.currentThread().setContextClassLoader(loader);
                type.getMethod("setUp").invoke(benchmark);
                return null;
            }).get();
        } finally {
            pool.shutdown();
        }
        return new Build(checkout.toAbsolutePath().normalize().toString(), loader, benchmark);
    }

    private static void compare(Build[] builds, String method) throws Exception {
        Method[] m = new Method[2];
        for (int i = 0; i < 2; i++) {
            m[i] = builds[i].benchmark().getClass().getMethod(method);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long results = 0;
        // The JIT's work first: both builds, alternately, until each has run for WARM_UP_SECONDS of CPU.
        for (int turn = 0; turn < 2 * WARM_UP_SECONDS; turn++) {
            long end = threads.getCurrentThreadCpuTime() + 1_000_000_000L;
            while (threads.getCurrentThreadCpuTime() < end) {
                results += builds[turn & 1].run(m[turn & 1]);
            }
        }
        int ops = opsPerRound(builds[0], m[0], threads);
        double[][] cpu = new double[2][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int k = 0; k < 2; k++) {
                int i = (round & 1) == 0 ? k : 1 - k; // each build goes first in every other pair
                long start = threads.getCurrentThreadCpuTime();
                for (int n = 0; n < ops; n++) {
                    results += builds[i].run(m[i]);
                }
                cpu[i][round] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / ops;
            }
        }
        double[] ratio = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            ratio[r] = cpu[1][r] / cpu[0][r];
        }
        System.out.printf(Locale.ROOT, "%s, %d rounds of %d operations, thread CPU per operation (median, quartiles):%n", method, ROUNDS, ops);
        for (int i = 0; i < 2; i++) {
            double[] q = quartiles(cpu[i]);
            System.out.printf(Locale.ROOT, "  %-40s %8.1f us  (%.1f-%.1f)%n", builds[i].name(), q[1], q[0], q[2]);
        }
        double[] q = quartiles(ratio);
        System.out.printf(Locale.ROOT, "  second / first, per pair of rounds: median %.3f (quartiles %.3f-%.3f)  [%d results]%n", q[1], q[0], q[2], results);
    }

    /** About 20 ms of operations a round: long enough for the CPU clock, short enough that both builds meet one machine. */
    private static int opsPerRound(Build build, Method m, ThreadMXBean threads) throws Exception {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < 50; i++) {
            build.run(m);
        }
        double each = (threads.getCurrentThreadCpuTime() - start) / 50.0;
        return (int) Math.max(5, Math.min(5_000, 20_000_000 / Math.max(each, 1)));
    }

    private static double[] quartiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[sorted.length / 4], sorted[sorted.length / 2], sorted[3 * sorted.length / 4]};
    }
}
