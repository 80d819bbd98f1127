package org.waymark.screening.screen;

import java.nio.file.Path;

/** A partition's work files in the work folder, {@code part-NNNN.<suffix>}; each is written whole or not at all. */
enum PartFile {
    /** Written last: the partition's other files are all there, and a resumed run skips the partition. */
    DONE("done"),
    /** The flagged rows as {@code cohort.ndjson} lines. */
    COHORT_NDJSON("cohort.ndjson"),
    /** The flagged rows as {@code cohort.csv} lines, without the header. */
    COHORT_CSV("cohort.csv"),
    /** The counts of all the partition's rows ({@link CohortCounts}). */
    COUNTS("counts.json"),
    KPI("kpi.csv"),
    /** The monthly series' counts, with {@code --as-of-series} only. */
    SERIES("series.tsv"),
    SKIPPED("skipped.tsv");

    private final String suffix;

    PartFile(String suffix) {
        this.suffix = suffix;
    }

    Path of(Path workDir, int p) {
        return workDir.resolve(String.format("part-%04d.%s", p, suffix));
    }
}
