package org.waymark.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link CallBenchmark}'s call (the older patient's patient-view request, read, assessed and answered as JSON) on N
 * threads at once in one JVM, for windows of S seconds until stopped: calls a second and the process's CPU a call
 * (collector and JIT included), window by window, so the JIT's warm-up shows and its end can be seen. The ceiling for
 * the load benchmark's server at the same concurrency. The server has run well below it, and not for HTTP, client tokens
 * or the store: its request threads ran this same code slower, by a margin that differed between runs of one build
 * (docs/performance.md, eleventh and twelfth sessions).
 *
 * <p>{@code bench/run.sh calls [THREADS] [SECONDS] [WINDOWS]} (16 threads, 30 s, 12 windows by default).
 */
public final class CallLoad {
    private CallLoad() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        CallBenchmark call = new CallBenchmark();
        call.setUp();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        LongAdder calls = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                while (!stop.get()) {
                    call.answerOlderPatient();
                    calls.increment();
                }
            }, "call-" + i);
            workers[i].start();
        }
        System.out.printf(Locale.ROOT, "%d threads, windows of %d s: window  calls/s  process CPU ms a call%n", threads, seconds);
        for (int w = 1; w <= windows; w++) {
            long n = calls.sum();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            double done = calls.sum() - n;
            System.out.printf(Locale.ROOT, "  %2d  %8.0f  %6.3f%n", w, done / ((System.nanoTime() - start) / 1e9),
                    (os.getProcessCpuTime() - cpu) / 1e6 / done);
        }
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
    }
}
