package org.waymark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Thread CPU time per operation of {@link EvaluationBenchmark}'s {@code evaluateFacts} and {@code parseAndEvaluate} (its
 * workload: the 148-resource older patient against every active rule set and the pathways), in a one-thread loop: on a
 * machine shared with other work the figure least disturbed, where JMH's wall times are not. Held against 2 ms, the CPU a
 * patient-view may take for 1,000 a second on 2 cores (docs/performance.md).
 *
 * <p>{@code java -Dwaymark.repo.root="$PWD" -cp "$CP" org.waymark.bench.EvaluationCpu}
 */
public final class EvaluationCpu {
    private static final double LIMIT_US = 2_000;

    private interface Operation {
        int run() throws Exception;
    }

    private EvaluationCpu() {
    }

    public static void main(String[] args) throws Exception {
        EvaluationBenchmark benchmark = new EvaluationBenchmark();
        benchmark.setUp();
        measure("evaluateFacts", benchmark::evaluateFacts, 3000, 2000);
        measure("parseAndEvaluate", benchmark::parseAndEvaluate, 1000, 700);
    }

    /** {@code warmUp} operations, then three rounds of {@code n}, each printed. */
    private static void measure(String name, Operation operation, int warmUp, int n) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long results = 0;
        for (int i = 0; i < warmUp; i++) {
            results += operation.run();
        }
        StringBuilder line = new StringBuilder(name + ", thread CPU per operation (3 rounds of " + n + "):");
        for (int round = 0; round < 3; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                results += operation.run();
            }
            line.append(String.format(" %.0f us", (threads.getCurrentThreadCpuTime() - start) / 1000.0 / n));
        }
        // The results are used, so the loop is not optimised away.
        System.out.println(line + "; limit " + String.format("%.0f", LIMIT_US) + " us (" + results + " recommendations)");
    }
}
