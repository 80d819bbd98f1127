package org.waymark.screening.screen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.pathways.evaluation.PathwayService;
import org.waymark.screening.measures.Disclosure;
import org.waymark.screening.measures.MonthEnd;

/**
 * Population screening over FHIR Bulk Data NDJSON and Bundles ({@link InputFiles}): partitions the input by patient on all cores (bounded memory;
 * types the rules never read are counted, reference resources kept for attribution), screens partitions on all cores
 * with every active rule set and pathway, and writes {@code cohort.csv}, {@code cohort.ndjson}, {@code summary.json}
 * and the population measures (CSVs and {@code report.html}, see {@link MeasuresStep}), with a monthly series when
 * {@link Options#series()} names months (each evaluated as of its {@link MonthEnd} in the same pass). Work lives in
 * {@code <out>/.work}: an interrupted run
 * resumes from the partitions already done; a finished run deletes it (it holds raw lines with NHS numbers), and a
 * rerun gives byte-identical output. A run whose input changed while it ran publishes nothing and deletes its work.
 */
public final class Screening {
    /**
     * What to screen and how. {@code pcnMap} is a practice,pcn CSV; {@code disclosure} controls the published measures;
     * {@code series} the months of a monthly series (oldest first, consecutive), each evaluated as of its {@link MonthEnd},
     * the last one's end being {@code asOf} (empty: no series). {@code deprivationMap} is a postcode to IMD decile CSV
     * ({@link DeprivationMap}), without which deprivation is not broken down.
     */
    public record Options(Path input, Path out, Instant asOf, int partitions, int threads, PatientKeyPolicy keys, Optional<Path> pcnMap,
                          Disclosure disclosure, List<YearMonth> series, Optional<Path> deprivationMap) {
        public Options {
            Objects.requireNonNull(disclosure, "disclosure");
            series = List.copyOf(series);
            deprivationMap = Objects.requireNonNullElse(deprivationMap, Optional.empty());
            for (int m = 1; m < series.size(); m++) {
                if (!series.get(m).equals(series.get(m - 1).plusMonths(1))) {
                    throw new IllegalArgumentException("the series' months are consecutive, oldest first: " + series);
                }
            }
            if (!series.isEmpty() && !asOf.equals(MonthEnd.of(series.get(series.size() - 1)))) {
                throw new IllegalArgumentException("a series' as-of is its last month's end, " + MonthEnd.of(series.get(series.size() - 1)) + ", not " + asOf);
            }
        }

        /** Without a series or a deprivation map. */
        public Options(Path input, Path out, Instant asOf, int partitions, int threads, PatientKeyPolicy keys, Optional<Path> pcnMap,
                       Disclosure disclosure) {
            this(input, out, asOf, partitions, threads, keys, pcnMap, disclosure, List.of(), Optional.empty());
        }

        /** Without a series. */
        public Options(Path input, Path out, Instant asOf, int partitions, int threads, PatientKeyPolicy keys, Optional<Path> pcnMap,
                       Disclosure disclosure, Optional<Path> deprivationMap) {
            this(input, out, asOf, partitions, threads, keys, pcnMap, disclosure, List.of(), deprivationMap);
        }

        /** The same, with deprivation broken down by this map. */
        public Options withDeprivationMap(Optional<Path> map) {
            return new Options(input, out, asOf, partitions, threads, keys, pcnMap, disclosure, series, map);
        }

        /** Every month from {@code first} to {@code last} inclusive, as of the end of {@code last}. */
        public static Options series(Path input, Path out, YearMonth first, YearMonth last, int partitions, int threads, PatientKeyPolicy keys,
                                     Optional<Path> pcnMap, Disclosure disclosure) {
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("the series " + first + ".." + last + " ends before it starts");
            }
            List<YearMonth> months = new ArrayList<>();
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                months.add(m);
            }
            return new Options(input, out, MonthEnd.of(last), partitions, threads, keys, pcnMap, disclosure, months, Optional.empty());
        }

        /** With small-number suppression on, the default. */
        public Options(Path input, Path out, Instant asOf, int partitions, int threads, PatientKeyPolicy keys, Optional<Path> pcnMap) {
            this(input, out, asOf, partitions, threads, keys, pcnMap, Disclosure.NHS_SDC);
        }
    }

    /** Input bytes per partition when the count is chosen from the input size: a partition's group fits easily in 1 GiB. */
    static final long BYTES_PER_PARTITION = 32L * 1024 * 1024;
    /**
     * Raised when the partition work files change shape (3: rows with age band and sex, KPI observations with the PCN;
     * 4: counts by type and the reference directory; 5: the monthly series' counts; 6: rows with deprivation decile and ethnic group;
     * 7: flagged rows as cohort lines and each partition's counts, in place of all its rows; 8: spilled lines without
     * headers, their origins in an index beside them; 9: lines of plain NDJSON files indexed where they lie in them, not
     * spilled).
     */
    private static final int WORK_FORMAT = 9;
    private static final String REFERENCES = "references.tsv";
    /** Pass 1's end in the work folder; it holds the run's {@link #signature}. */
    private static final String PARTITIONED = "partitioned";

    private Screening() {
    }

    /** Enough partitions that each holds about {@link #BYTES_PER_PARTITION} of input, and at least 64. */
    public static int partitionsFor(Path input) throws IOException {
        long bytes = inputBytes(input);
        return (int) Math.max(64, Math.min(65_536, bytes / BYTES_PER_PARTITION + 1));
    }

    /** What a population is screened with: the active rule-set versions and the pathways. */
    public record Knowledge(List<CompiledRuleSet> ruleSets, PathwayService pathways) {
    }

    public static ObjectNode run(Options o, List<CompiledRuleSet> ruleSets, PathwayService pathways, PrintStream log, boolean terminal)
            throws IOException, InterruptedException {
        return run(o, CompletableFuture.completedFuture(new Knowledge(ruleSets, pathways)), log, terminal);
    }

    /**
     * Screens with {@code knowledge} once it is ready: pass 1 does not need it, so it can be loaded beside pass 1 (each
     * leaves part of the cores idle). If it fails to load, its failure is thrown after pass 1, whose work is kept for
     * the next run, as a stopped run's is.
     */
    public static ObjectNode run(Options o, Future<Knowledge> knowledge, PrintStream log, boolean terminal)
            throws IOException, InterruptedException {
        Path work = o.out().resolve(".work");
        boolean inputUnchanged;
        ObjectNode summary = null;
        try (Progress progress = new Progress(log, terminal, Duration.ofSeconds(2)); PartitionMerge merge = new PartitionMerge(o, work)) {
            // This thread merges each partition as soon as it and those before it are done, while the workers screen the
            // rest: the merge is no longer a serial step after pass 2.
            Partitioner.Result partitioned = partitionAndScreen(o, knowledge, work, progress, merge::add);
            inputUnchanged = signature(o).equals(Files.readString(work.resolve(PARTITIONED)));
            if (inputUnchanged) {
                Knowledge k = ready(knowledge); // loaded: pass 2 waited for it
                summary = merge.finish(partitioned, k.ruleSets(), k.pathways());
            }
        }
        // Once the merge's files in it are closed: the work folder holds raw lines and is of no use to a resume now.
        deleteWork(work);
        if (!inputUnchanged) {
            throw inputChanged();
        }
        return summary;
    }

    /**
     * Both passes, leaving the partitions' results in {@code work} for the merge; a run stopped here resumes, skipping
     * pass 1 and every partition already done.
     */
    static Partitioner.Result partitionAndScreen(Options o, List<CompiledRuleSet> ruleSets, PathwayService pathways, Path work, Progress progress)
            throws IOException, InterruptedException {
        return partitionAndScreen(o, CompletableFuture.completedFuture(new Knowledge(ruleSets, pathways)), work, progress, p -> {
        });
    }

    /** What to do with a partition once it is screened; called on the caller's thread, in partition order. */
    interface PartitionDone {
        void partitionDone(int partition) throws IOException;
    }

    private static Partitioner.Result partitionAndScreen(Options o, Future<Knowledge> knowledge, Path work, Progress progress, PartitionDone then)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        progress.bytesTotal = inputBytes(o.input());
        Partitioner.Result partitioned = partitionOnce(o, work, progress);
        Knowledge k = ready(knowledge);
        progress.phase("screening", o.partitions());
        ExecutorService pool = Executors.newFixedThreadPool(o.threads());
        try (InputBytes inputs = InputBytes.map(Partitioner.inputs(o.input()))) {
            PartitionScreener screener = new PartitionScreener(new PatientScreener(k.ruleSets(), new Assessor(k.pathways()), EvaluationTime.of(o.asOf()),
                    o.keys(), pcnMap(o), ReferenceDirectory.load(work.resolve(REFERENCES))).withDeprivation(deprivationMap(o)),
                    PartitionScreener.MAX_RECORD, PartitionScreener.READ_WHOLE, inputs, o.series());
            List<Future<?>> jobs = new ArrayList<>(); // by partition; null for a partition a previous run finished
            for (int p = 0; p < o.partitions(); p++) {
                int partition = p;
                if (Files.exists(PartFile.DONE.of(work, partition))) {
                    progress.partitionsDone.incrementAndGet();
                    jobs.add(null);
                    continue;
                }
                jobs.add(pool.submit(() -> {
                    screener.screen(work, partition, progress.patients);
                    progress.partitionsDone.incrementAndGet();
                    return null;
                }));
            }
            for (int p = 0; p < jobs.size(); p++) {
                if (jobs.get(p) != null) {
                    jobs.get(p).get();
                }
                then.partitionDone(p);
            }
        } catch (ExecutionException e) {
            throw new IOException("screening a partition failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return partitioned;
    }

    /** The knowledge once loaded; a failure to load is thrown as it was thrown (a rule set that does not compile, say). */
    private static Knowledge ready(Future<Knowledge> knowledge) throws IOException, InterruptedException {
        try {
            return knowledge.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof IOException io ? io : new IOException("loading the rule sets failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Pass 2 reads the input in place, at the offsets pass 1 indexed: a file written, replaced or appended to since pass 1
     * began could have given other lines than those indexed, so nothing is published (the merge stops before writing
     * the outputs), and the work folder is deleted.
     */
    private static UncheckedIOException inputChanged() {
        String problem = "the input changed while it was screened (a file's size or time differs from when pass 1 began); "
                + "nothing was written: screen it again once it is complete";
        return new UncheckedIOException(problem, new IOException(problem));
    }

    /**
     * The work folder holds raw input lines (with NHS numbers) and real patient ids: it is kept only while a run may
     * resume, and removed once the outputs are written.
     */
    public static void deleteWork(Path work) throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /**
     * Why a finished run must not be taken as a result, if it must not: it screened no patient (a silent zero), or it
     * skipped more than {@code maxSkippedShare} of the lines it read (most of the input was not understood).
     */
    public static Optional<String> refusal(ObjectNode summary, double maxSkippedShare) {
        long patients = summary.path("patients").asLong();
        long lines = summary.path("linesRead").asLong();
        long skipped = summary.path("skippedLines").asLong();
        if (patients == 0) {
            return Optional.of("no patient was screened (" + lines + " lines read, " + skipped + " skipped; see skipped.tsv): "
                    + "is the input FHIR R4 NDJSON or Bundles with Patient resources?");
        }
        if (lines > 0 && skipped > maxSkippedShare * lines) {
            return Optional.of(String.format(Locale.ROOT, "%d of %d lines (%.1f%%) were skipped, more than the %.1f%% allowed "
                    + "(--max-skipped-share); see skipped.tsv", skipped, lines, 100.0 * skipped / lines, 100 * maxSkippedShare));
        }
        return Optional.empty();
    }

    private static long inputBytes(Path input) throws IOException {
        long bytes = 0;
        for (Path f : Partitioner.inputs(input)) {
            bytes += Files.size(f);
        }
        return bytes;
    }

    /** Pass 1, skipped when a previous run already partitioned the same input. */
    private static Partitioner.Result partitionOnce(Options o, Path work, Progress progress) throws IOException, InterruptedException {
        Path marker = work.resolve(PARTITIONED);
        Path skippedFile = work.resolve("partition-skipped.tsv");
        Path countsFile = work.resolve("partition-counts.tsv");
        String signature = signature(o);
        if (Files.exists(marker) && Files.readString(marker).equals(signature)) {
            Map<String, Long> notRead = new TreeMap<>();
            Map<String, Long> references = new TreeMap<>();
            long lines = 0;
            for (String l : Files.readAllLines(countsFile, StandardCharsets.UTF_8)) {
                String[] f = l.split("\t", 3);
                switch (f[0]) {
                    case "lines" -> lines = Long.parseLong(f[2]);
                    case "reference" -> references.put(f[1], Long.parseLong(f[2]));
                    default -> notRead.put(f[1], Long.parseLong(f[2]));
                }
            }
            return new Partitioner.Result(lines, readSkipped(skippedFile), notRead, references);
        }
        try (var stale = Files.list(work)) {
            for (Path f : stale.toList()) {
                Files.delete(f);
            }
        }
        ReferenceDirectory references = new ReferenceDirectory();
        Partitioner.Result result = Partitioner.partition(o.input(), work, o.partitions(), o.threads(), progress.lines::addAndGet,
                progress.bytes::addAndGet, references);
        references.save(work.resolve(REFERENCES));
        List<String> lines = result.skipped().stream().map(s -> s.file() + "\t" + s.line() + "\t" + s.reason()).toList();
        Files.write(skippedFile, lines, StandardCharsets.UTF_8);
        List<String> counts = new ArrayList<>();
        counts.add("lines\t-\t" + result.lines());
        result.notReadByType().forEach((t, n) -> counts.add("not-read\t" + t + "\t" + n));
        result.referencesByType().forEach((t, n) -> counts.add("reference\t" + t + "\t" + n));
        Files.write(countsFile, counts, StandardCharsets.UTF_8);
        Files.writeString(marker, signature);
        return result;
    }

    /**
     * The work files' format, the input files with their sizes and times, the partition count and the as-of: a resume
     * must match all (work left by a release with other work files is started again).
     */
    private static String signature(Options o) throws IOException {
        StringBuilder s = new StringBuilder("format=" + WORK_FORMAT + ";partitions=" + o.partitions() + ";asOf=" + o.asOf() + ";series=" + o.series() + ";keys=" + o.keys().pseudonymise().isPresent());
        for (Path f : Partitioner.inputs(o.input())) {
            s.append(';').append(f.getFileName()).append('=').append(Files.size(f)).append('@').append(Files.getLastModifiedTime(f).toMillis());
        }
        return s.toString();
    }

    /**
     * Writes the cohort files and the summary from partition work files another runner wrote through
     * {@link PatientScreener#writePartition} (the Spark job), which has no pass 1 of its own to report but the lines it read.
     */
    public static ObjectNode merge(Options o, Path work, long linesRead, List<CompiledRuleSet> ruleSets, PathwayService pathways) throws IOException {
        return merge(o, work, new Partitioner.Result(linesRead, List.of(), Map.of(), Map.of()), ruleSets, pathways);
    }

    /** Writes the cohort files and the summary from the partition work files in {@code work} and what pass 1 found. */
    private static ObjectNode merge(Options o, Path work, Partitioner.Result partitioned, List<CompiledRuleSet> ruleSets,
                                    PathwayService pathways) throws IOException {
        try (PartitionMerge merge = new PartitionMerge(o, work)) {
            for (int p = 0; p < o.partitions(); p++) {
                merge.add(p);
            }
            return merge.finish(partitioned, ruleSets, pathways);
        }
    }

    static List<SkippedLine> readSkipped(Path file) throws IOException {
        List<SkippedLine> out = new ArrayList<>();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = l.split("\t", 3);
                out.add(new SkippedLine(f[0], Long.parseLong(f[1]), f[2]));
            }
        }
        return out;
    }

    /** The postcode to IMD decile map given, else none: it is never picked up from the input folder unasked. */
    public static DeprivationMap deprivationMap(Options o) throws IOException {
        return o.deprivationMap().isPresent() ? DeprivationMap.read(o.deprivationMap().get()) : DeprivationMap.NONE;
    }

    /** The practice to PCN map ({@link PcnMap}): the given file, else {@code pcn-map.csv} in the input folder, else empty. */
    public static Map<String, String> pcnMap(Options o) throws IOException {
        Optional<Path> file = o.pcnMap().or(() -> Optional.of(o.input().resolve("pcn-map.csv")).filter(Files::exists));
        return file.isPresent() ? PcnMap.read(file.get()) : Map.of();
    }
}
