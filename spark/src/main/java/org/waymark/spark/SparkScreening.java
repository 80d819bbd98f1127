package org.waymark.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.waymark.screening.screen.PatientScreener;
import org.waymark.screening.screen.PatientScreener.Line;
import org.waymark.screening.screen.PatientScreener.Outcome;
import org.waymark.screening.screen.Screening;
import scala.Tuple2;
import scala.Tuple3;

/**
 * {@code waymark screen} on Apache Spark. Spark's shuffle replaces the single-machine spill partitions: every line is
 * keyed by its patient (as pass 1 keys it) and grouped with a hash partitioner of the same partition count, so each
 * partition holds the same patients as on one machine. Each executor screens its partitions' patients with the
 * screening core ({@link PatientScreener}, built once per JVM by {@link ScreenerHolder}); the driver writes each
 * partition's results as the work files {@code waymark screen} writes and merges them with its merge, so the cohort
 * files and the summary are the same.
 */
final class SparkScreening {
    /** As {@code waymark screen} chooses: about 32 MiB of input per partition, at least 64. */
    private static final long BYTES_PER_PARTITION = 32L * 1024 * 1024;
    private static final Comparator<Line> INPUT_ORDER = Comparator.comparing(Line::file).thenComparingLong(Line::line);

    /** The input folder (any Hadoop file system), the output folder on the driver, and the partition count (0: chosen from the input size). */
    record Job(String input, Path out, JobSettings settings, int partitions) {
    }

    private SparkScreening() {
    }

    static ObjectNode run(JavaSparkContext sc, Job job) throws IOException {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(job.input());
        FileSystem fs = dir.getFileSystem(sc.hadoopConfiguration());
        if (!fs.isDirectory(dir)) {
            throw new IllegalArgumentException("the input folder " + job.input() + " does not exist");
        }
        FileStatus[] globbed = fs.globStatus(new org.apache.hadoop.fs.Path(dir, "*.ndjson"));
        List<FileStatus> files = Stream.of(globbed == null ? new FileStatus[0] : globbed)
                .sorted(Comparator.comparing(f -> f.getPath().getName())).toList();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no *.ndjson files in " + job.input());
        }
        int partitions = job.partitions() > 0 ? job.partitions() : partitionsFor(files);
        JavaRDD<Line> lines = null;
        for (FileStatus f : files) {
            JavaRDD<Line> ofFile = lines(sc, f);
            lines = lines == null ? ofFile : lines.union(ofFile);
        }
        JobSettings settings = job.settings();
        JavaRDD<Tuple3<Integer, Long, ArrayList<Outcome>>> screened = lines
                .mapToPair(l -> new Tuple2<>(PatientScreener.patientOf(l.json()).orElse(""), l))
                .groupByKey(new HashPartitioner(partitions))
                .mapPartitionsWithIndex((p, groups) -> screen(settings, p, groups), true);

        Path work = job.out().resolve(".spark-work");
        deleteTree(work);
        Files.createDirectories(work);
        long linesRead = 0;
        // Partitions come back in batches of a few per core, so the driver holds a bounded share of the results.
        int batch = Math.max(1, 4 * sc.defaultParallelism());
        for (int from = 0; from < partitions; from += batch) {
            int[] ids = IntStream.range(from, Math.min(partitions, from + batch)).toArray();
            for (List<Tuple3<Integer, Long, ArrayList<Outcome>>> part : screened.collectPartitions(ids)) {
                for (Tuple3<Integer, Long, ArrayList<Outcome>> p : part) {
                    PatientScreener.writePartition(work, p._1(), p._3());
                    linesRead += p._2();
                }
            }
        }
        ScreenerHolder.Loaded loaded = ScreenerHolder.get(settings);
        Screening.Options options = new Screening.Options(Path.of(""), job.out(), settings.asOf(), partitions, 1,
                ScreenerHolder.keys(settings), Optional.empty());
        ObjectNode summary = Screening.merge(options, work, linesRead, loaded.ruleSets(), loaded.pathways());
        deleteTree(work);
        return summary;
    }

    /** One file's non-blank lines with their 1-based line numbers, as pass 1 reports them. */
    private static JavaRDD<Line> lines(JavaSparkContext sc, FileStatus file) {
        String name = file.getPath().getName();
        return sc.textFile(file.getPath().toString()).zipWithIndex()
                .filter(t -> !t._1().isBlank())
                .map(t -> new Line(name, t._2() + 1, t._1()));
    }

    /** Runs on an executor: screens one partition's patients, each from its lines in input order; counts the lines. */
    private static Iterator<Tuple3<Integer, Long, ArrayList<Outcome>>> screen(JobSettings settings, int partition,
                                                                         Iterator<Tuple2<String, Iterable<Line>>> groups) {
        PatientScreener screener = ScreenerHolder.get(settings).screener();
        ArrayList<Outcome> outcomes = new ArrayList<>();
        long read = 0;
        while (groups.hasNext()) {
            Tuple2<String, Iterable<Line>> group = groups.next();
            List<Line> lines = new ArrayList<>();
            group._2().forEach(lines::add);
            read += lines.size();
            lines.sort(INPUT_ORDER);
            // Lines that name no patient share the empty key; they are reported as pass 1 reports them.
            outcomes.add(group._1().isEmpty() ? PatientScreener.unkeyed(lines) : screener.screen(lines));
        }
        return List.of(new Tuple3<>(partition, read, outcomes)).iterator();
    }

    private static int partitionsFor(List<FileStatus> files) {
        long bytes = files.stream().mapToLong(FileStatus::getLen).sum();
        return (int) Math.max(64, Math.min(65_536, bytes / BYTES_PER_PARTITION + 1));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            Screening.deleteWork(dir);
        }
    }
}
