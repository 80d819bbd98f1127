package org.waymark.screening.screen;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.waymark.screening.measures.MonthEnd;
import org.waymark.screening.measures.MonthlySeries;
import org.waymark.screening.screen.PartitionIndex.Indexed;

/**
 * Pass 2 of screening for one partition: groups its lines by patient from its index (origins and offsets only, not the JSON), then
 * reads one patient's lines at a time and screens the patient ({@link PatientScreener}: facts, every active rule set
 * and pathway, as the server does), and writes the partition's work files ({@link PatientScreener#writePartition}), then a done
 * marker. Workers share one screener and its thread-safe KieBases.
 */
final class PartitionScreener {
    /**
     * The most JSON one patient's record may have to be screened (a GP extract is well under 1 MiB): a larger one is
     * reported line by line and skipped, so no single record can exhaust a 1 GiB heap.
     */
    static final long MAX_RECORD = 32L << 20;
    /**
     * A partition data file (the lines pass 1 spilled) up to this size (most are: at most about
     * {@link Screening#BYTES_PER_PARTITION} each) is read whole, once,
     * and its patients' lines kept where they lie in it; a larger one (input skewed to a few patients) is read a patient at
     * a time. However many workers there are, the files read whole at once hold at most twice this ({@link #wholeBudget}):
     * memory stays bounded.
     */
    static final long READ_WHOLE = 2 * Screening.BYTES_PER_PARTITION;
    private final PatientScreener patients;
    private final long maxRecord;
    private final long readWhole;
    /** The input files whose lines pass 2 reads where they lie. */
    private final InputBytes inputs;
    /** KiB of partition files read whole at once, across workers; a worker that finds too little left reads a patient at a time. */
    private final Semaphore wholeBudget;
    /** KiB of record JSON being screened at once, across threads: two records of the largest size, or many ordinary ones. */
    private final Semaphore recordBudget;
    /** The months of {@code --as-of-series}, oldest first (the last one's end is the run's as-of); empty without a series. */
    private final List<YearMonth> series;
    private final List<Instant> monthEnds;

    /**
     * {@code readWhole}: the largest partition data file read whole ({@link #READ_WHOLE}); larger ones are read a patient at
     * a time. {@code inputs}: the input files pass 1 indexed lines in, where they lie.
     */
    PartitionScreener(PatientScreener patients, long maxRecord, long readWhole, InputBytes inputs, List<YearMonth> series) {
        this.patients = patients;
        this.maxRecord = maxRecord;
        this.readWhole = readWhole;
        this.inputs = inputs;
        this.wholeBudget = new Semaphore((int) Math.min(Integer.MAX_VALUE, 2 * (readWhole >> 10)));
        this.series = List.copyOf(series);
        this.monthEnds = this.series.stream().map(MonthEnd::of).toList();
        this.recordBudget = new Semaphore((int) Math.max(1, 2 * maxRecord >> 10));
    }

    void screen(Path workDir, int p, AtomicLong patientsDone) throws IOException, InterruptedException {
        Path file = Partitioner.partitionFile(workDir, p);
        List<PatientScreener.Outcome> outcomes = new ArrayList<>();
        MonthlySeries monthly = new MonthlySeries(series);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // Read once rather than a patient at a time: one read call instead of several per patient.
            int kib = (int) Math.min(Integer.MAX_VALUE, Math.max(1, channel.size() >> 10));
            boolean readsWhole = channel.size() <= readWhole && wholeBudget.tryAcquire(kib);
            try {
                byte[] whole = readsWhole ? Files.readAllBytes(file) : null;
                for (List<Indexed> indexed : PartitionIndex.byPatient(Partitioner.indexFile(workDir, p))) {
                    outcomes.add(screen(channel, whole, indexed, monthly, patientsDone));
                }
            } finally {
                if (readsWhole) {
                    wholeBudget.release(kib);
                }
            }
        }
        if (!series.isEmpty()) {
            PatientScreener.atomically(PartFile.SERIES.of(workDir, p), monthly::write);
        }
        PatientScreener.writePartition(workDir, p, outcomes);
    }

    /**
     * One patient's outcome from its lines, read where they lie: in their input files, or in the partition's data file,
     * {@code whole} (read whole) or else open in {@code channel}.
     */
    private PatientScreener.Outcome screen(FileChannel channel, byte[] whole, List<Indexed> indexed, MonthlySeries monthly, AtomicLong patientsDone)
            throws IOException, InterruptedException {
        long bytes = indexed.stream().mapToLong(Indexed::length).sum();
        if (bytes > maxRecord) {
            String limit = maxRecord >= 1 << 20 ? (maxRecord >> 20) + " MiB" : (maxRecord >> 10) + " KiB";
            return PatientScreener.Outcome.skipped(indexed.stream().map(s -> s.file() + "\t" + s.line()
                    + "\tpatient's record is larger than " + limit + " of JSON: not screened").toList());
        }
        int permits = (int) Math.max(1, bytes >> 10);
        recordBudget.acquire(permits);
        try {
            List<PatientScreener.Line> lines = lines(channel, whole, indexed);
            PatientScreener.Outcome outcome = series.isEmpty() ? patients.screen(lines) : last(patients.screen(lines, monthEnds), monthly);
            if (outcome.screened()) {
                patientsDone.incrementAndGet();
            }
            return outcome;
        } finally {
            recordBudget.release(permits);
        }
    }

    /** The JSON of a patient's lines, in their order: each run of lines of one input file read from where they lie. */
    private List<PatientScreener.Line> lines(FileChannel channel, byte[] whole, List<Indexed> indexed) throws IOException {
        List<PatientScreener.Line> lines = new ArrayList<>(indexed.size());
        for (int from = 0, to; from < indexed.size(); from = to) {
            Indexed first = indexed.get(from);
            to = runEnd(indexed, from);
            List<Indexed> run = indexed.subList(from, to);
            if (first.inInput()) {
                lines.addAll(PartitionIndex.read((offset, length) -> inputs.read(first.file(), offset, length), run));
            } else {
                lines.addAll(whole != null ? PartitionIndex.read(whole, run) : PartitionIndex.read(PartitionIndex.of(channel), run));
            }
        }
        return lines;
    }

    /** The index past the run of lines from {@code from} that lie in one file (as they are sorted, file by file). */
    private static int runEnd(List<Indexed> indexed, int from) {
        Indexed first = indexed.get(from);
        int to = from + 1;
        while (to < indexed.size() && indexed.get(to).file().equals(first.file()) && indexed.get(to).inInput() == first.inInput()) {
            to++;
        }
        return to;
    }

    /** Counts each month's outcome into the series; the last month's is the cohort's. */
    private PatientScreener.Outcome last(List<PatientScreener.Outcome> byMonth, MonthlySeries monthly) {
        for (int m = 0; m < series.size(); m++) {
            byMonth.get(m).countInto(monthly, series.get(m));
        }
        return byMonth.get(series.size() - 1);
    }
}
