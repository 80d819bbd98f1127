package org.waymark.screening.screen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import org.hl7.fhir.r4.model.IdType;

/**
 * Pass 1 of screening: streams every input file ({@link InputFiles}: Bulk Data NDJSON, plain or gzipped, and FHIR
 * Bundles, whose entries are read as lines by {@link BundleEntries}) and puts each line into one of P partitions by a
 * hash of its patient, so pass 2 can group a partition's patients. Memory stays
 * bounded whatever the population size. Lines are read as bytes in blocks and looked at on several threads, straight
 * off the bytes ({@link PeekScan}) or, for a line that is not plain, with Jackson's streaming parser, never built into a
 * tree: a resource type the rules never read is counted by type
 * and not parsed further; a reference resource (Organization, Practitioner, PractitionerRole, Location) goes to
 * the {@link ReferenceDirectory} for attribution; any other line is read as far as its patient and goes into its partition. A
 * line that is not JSON, has no resourceType, names no patient or is longer than {@link LineBlocks#MAX_LINE} is
 * reported (file, line, reason) and skipped, here or, for a line that is not JSON past the point where its patient is
 * known, by pass 2 ({@link #peek}); a truncated last line is just such a line. Each line a partition takes goes into
 * its index ({@link #indexFile}) with its origin, its patient and where pass 2 reads it: a line of a plain NDJSON file
 * where it lies in that file, which pass 2 reads again ({@link InputBytes}), so it is not copied; any other line (of a
 * gzipped file, or a Bundle's entry) where pass 1 spilled it, as it is, into the partition's data file
 * ({@link #partitionFile}). Index lines are {@code file<TAB>line<TAB>patient<TAB>i|p<TAB>offset<TAB>length} ({@code i}: in
 * the input file, {@code p}: in the partition's data file). Pass 2 orders lines by origin, so the order threads indexed
 * them in does not matter.
 */
final class Partitioner {
    /**
     * The types {@code FactMapper} turns into facts; every other type is ignored there, so it is not spilled. A test
     * checks that FactMapper ignores every FHIR R4 type outside this set.
     */
    static final Set<String> READ_TYPES = Set.of("Patient", "Condition", "Observation", "Procedure", "Encounter", "MedicationRequest",
            "MedicationStatement", "CarePlan", "Flag", "ServiceRequest", "Immunization");
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper JSON = new ObjectMapper(FACTORY);

    /**
     * What pass 1 found besides the spilled lines: the lines (and Bundle entries) read, skipped lines in input order, and
     * lines counted by type and not spilled.
     */
    record Result(long lines, List<SkippedLine> skipped, Map<String, Long> notReadByType, Map<String, Long> referencesByType) {
    }

    private final Path workDir;
    private final OutputStream[] out;
    private final OutputStream[] index;
    /** Bytes written to each data file so far: where the next line spilled there starts (kept under its stream's lock). */
    private final long[] written;
    private final LongConsumer linesRead;
    private final LongConsumer bytesRead;
    private final LongAdder lines = new LongAdder();
    private final ReferenceDirectory references;
    private final List<SkippedLine> skipped = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, LongAdder> notRead = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> referenceCounts = new ConcurrentHashMap<>();

    private Partitioner(Path workDir, int partitions, LongConsumer linesRead, LongConsumer bytesRead, ReferenceDirectory references) {
        this.workDir = workDir;
        this.out = new OutputStream[partitions];
        this.index = new OutputStream[partitions];
        this.written = new long[partitions];
        this.linesRead = linesRead;
        this.bytesRead = bytesRead;
        this.references = references;
    }

    static Result partition(Path input, Path workDir, int partitions, LongConsumer linesRead) throws IOException, InterruptedException {
        return partition(input, workDir, partitions, 1, linesRead, new ReferenceDirectory());
    }

    static Result partition(Path input, Path workDir, int partitions, int threads, LongConsumer linesRead, ReferenceDirectory references)
            throws IOException, InterruptedException {
        return partition(input, workDir, partitions, threads, linesRead, n -> { }, references);
    }

    /**
     * Partitions on {@code threads} workers; the spilled lines and the result do not depend on the thread count.
     * {@code bytesRead} hears of the input files' bytes (compressed, for a gzipped file) as they are read.
     */
    static Result partition(Path input, Path workDir, int partitions, int threads, LongConsumer linesRead, LongConsumer bytesRead,
                            ReferenceDirectory references) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Partitioner p = new Partitioner(workDir, partitions, linesRead, bytesRead, references);
        try {
            p.run(inputs(input), threads);
        } finally {
            for (int i = 0; i < partitions; i++) {
                for (OutputStream o : new OutputStream[] {p.out[i], p.index[i]}) {
                    if (o != null) {
                        o.close();
                    }
                }
            }
        }
        List<String> order = inputs(input).stream().map(f -> f.getFileName().toString()).toList();
        List<SkippedLine> skipped = new ArrayList<>(p.skipped);
        skipped.sort(Comparator.comparingInt((SkippedLine s) -> order.indexOf(s.file())).thenComparingLong(SkippedLine::line));
        return new Result(p.lines.sum(), List.copyOf(skipped), counts(p.notRead), counts(p.referenceCounts));
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private void run(List<Path> files, int threads) throws IOException, InterruptedException {
        // Large buffers mean fewer write calls; 32 MiB in all bounds them whatever the partition count (an index line is
        // a few dozen bytes, its line hundreds or more).
        int buffer = Math.max(8 << 10, Math.min(64 << 10, (32 << 20) / out.length));
        for (int i = 0; i < out.length; i++) {
            out[i] = new BufferedOutputStream(Files.newOutputStream(partitionFile(workDir, i)), buffer);
            index[i] = new BufferedOutputStream(Files.newOutputStream(indexFile(workDir, i)), Math.max(8 << 10, buffer / 8));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        // Blocks in flight are bounded, so a fast reader cannot fill the heap ahead of the workers.
        Semaphore inFlight = new Semaphore(Math.max(1, threads) * 2);
        List<Future<?>> jobs = Collections.synchronizedList(new ArrayList<>());
        try {
            for (Path file : files) {
                String name = file.getFileName().toString();
                byte[] prefix = (name + "\t").getBytes(StandardCharsets.UTF_8);
                if (InputFiles.isJson(file)) {
                    inFlight.acquire();
                    jobs.add(pool.submit(() -> {
                        try {
                            bundle(file, name, prefix);
                        } finally {
                            inFlight.release();
                        }
                        return null;
                    }));
                    continue;
                }
                try (InputStream in = InputFiles.open(file, bytesRead)) {
                    blocks(in, name, prefix, InputBytes.readsAgain(file), pool, inFlight, jobs);
                }
            }
            for (Future<?> f : List.copyOf(jobs)) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("partitioning failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * An NDJSON file's lines, a block at a time, to the workers; {@code inPlace}: pass 2 reads them from the file itself, at
     * their offsets.
     */
    private void blocks(InputStream in, String name, byte[] prefix, boolean inPlace, ExecutorService pool, Semaphore inFlight,
                        List<Future<?>> jobs) throws IOException, InterruptedException {
        LineBlocks.read(in, LineBlocks.MAX_LINE, new LineBlocks.Sink() {
            @Override
            public void block(LineBlocks.Block block) throws InterruptedException {
                inFlight.acquire();
                jobs.add(pool.submit(() -> {
                    try {
                        block.lines((bytes, off, len, n, offset) -> line(name, prefix, bytes, off, len, n, inPlace ? offset : -1));
                    } finally {
                        inFlight.release();
                    }
                    return null;
                }));
            }

            @Override
            public void tooLong(long line) {
                counted();
                skipped.add(new SkippedLine(name, line, "line longer than " + (LineBlocks.MAX_LINE >> 20) + " MiB: not screened"));
            }
        });
    }

    /**
     * A Bundle file's entries, as lines numbered by entry; a file that is not JSON, or not a resource, is one skipped
     * line. Its bytes are counted on the second of its two reads.
     */
    private void bundle(Path file, String name, byte[] prefix) throws IOException {
        AtomicInteger opened = new AtomicInteger();
        try {
            BundleEntries.read(() -> InputFiles.open(file, opened.getAndIncrement() == 0 ? n -> { } : bytesRead),
                    (json, n) -> line(name, prefix, json, 0, json.length, n, -1));
        } catch (JsonProcessingException e) {
            counted();
            skipped.add(new SkippedLine(name, 0, "not a readable FHIR Bundle (invalid JSON): " + e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            counted();
            skipped.add(new SkippedLine(name, 0, e.getMessage()));
        }
    }

    private void counted() {
        linesRead.accept(1);
        lines.increment();
    }

    /** {@code at}: where the line lies in its input file, for pass 2 to read it there; -1 to spill it (see the class comment). */
    private void line(String name, byte[] prefix, byte[] bytes, int off, int len, long n, long at) throws IOException {
        if (blank(bytes, off, len)) {
            linesRead.accept(1);
            return;
        }
        counted();
        Peek peek;
        try {
            peek = peek(bytes, off, len);
            if (peek.patient() == null) {
                countOrCollect(peek.type(), bytes, off, len);
                return;
            }
        } catch (JsonProcessingException e) {
            skipped.add(new SkippedLine(name, n, "not valid JSON: " + e.getOriginalMessage()));
            return;
        } catch (IllegalArgumentException e) {
            skipped.add(new SkippedLine(name, n, e.getMessage()));
            return;
        }
        byte[] patient = peek.patient().getBytes(StandardCharsets.UTF_8);
        // The index line, but for the offset of a spilled line (known only under the lock), built here in one array.
        byte[] entry = new byte[prefix.length + patient.length + 3 * 21];
        System.arraycopy(prefix, 0, entry, 0, prefix.length);
        int k = digits(n, entry, prefix.length);
        entry[k++] = '\t';
        System.arraycopy(patient, 0, entry, k, patient.length);
        k += patient.length;
        entry[k++] = '\t';
        entry[k++] = (byte) (at >= 0 ? 'i' : 'p');
        entry[k++] = '\t';
        int p = Math.floorMod(peek.patient().hashCode(), out.length);
        OutputStream o = out[p];
        synchronized (o) {
            long where = at;
            if (at < 0) {
                where = written[p];
                o.write(bytes, off, len);
                o.write('\n');
                written[p] = where + len + 1;
            }
            int e = digits(where, entry, k);
            entry[e++] = '\t';
            e = digits(len, entry, e);
            entry[e++] = '\n';
            index[p].write(entry, 0, e);
        }
    }

    /** Writes {@code v} (not negative) in decimal at {@code b[at]}; returns where it ends. */
    private static int digits(long v, byte[] b, int at) {
        int n = 1;
        for (long rest = v; rest >= 10; rest /= 10) {
            n++;
        }
        for (int i = at + n - 1; i >= at; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + n;
    }

    /** A reference resource goes to the directory; any other type the rules never read is only counted. */
    private void countOrCollect(String type, byte[] bytes, int off, int len) throws IOException {
        if (ReferenceDirectory.TYPES.contains(type)) {
            references.add(JSON.readTree(bytes, off, len));
            referenceCounts.computeIfAbsent(type, k -> new LongAdder()).increment();
        } else {
            notRead.computeIfAbsent(type, k -> new LongAdder()).increment();
        }
    }

    private static boolean blank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A line's resource type and, for a type the rules read, its patient; {@code patient} is null for a line not spilled. */
    record Peek(String type, String patient) {
    }

    /**
     * What the peek has found of a line's top-level members so far, and whether that settles the line's partition: both
     * ways of reading a line ({@link PeekScan}, {@link #peekWithJackson}) decide with it, so they stop at the same member.
     */
    static final class Found {
        String type;
        String id = "";
        String subject;
        String patient;

        /**
         * The peek once nothing later can change the partition, else null: at the type, for a type the rules never read (or
         * a reference resource); at a Patient's id; at a subject reference (which wins over a patient reference).
         */
        Peek settled() {
            if (type != null && !type.isEmpty() && !READ_TYPES.contains(type)) {
                return new Peek(type, null);
            }
            if (type != null && (type.equals("Patient") ? !id.isEmpty() : subject != null && !subject.isEmpty())) {
                // Nothing later changes the partition: the rest of the line is left to pass 2, which reads it fully.
                return new Peek(type, patientOf(type, id, subject));
            }
            return null;
        }

        /** The peek of a line read to its end without settling. */
        Peek atEnd() {
            if (type == null || type.isEmpty()) {
                throw new IllegalArgumentException("no resourceType");
            }
            return new Peek(type, patientOf(type, id, subject != null && !subject.isEmpty() ? subject : patient != null ? patient : ""));
        }
    }

    /**
     * Reads the top-level fields of one line, skipping the content of every other field: the resource type, the id and
     * the subject and patient references, and stops as soon as the partition is known ({@link Found#settled}). The rest
     * of a spilled line is not read here: pass 2 reads every line fully, and reports one that is not JSON there
     * ({@link PatientLines}). A line read to its end without its partition (a patient reference only, or none) is
     * checked here. A plain line is read straight off its bytes ({@link PeekScan}); any other with Jackson's parser.
     */
    static Peek peek(byte[] bytes, int off, int len) throws IOException {
        Peek quick = PeekScan.peek(bytes, off, len);
        return quick != null ? quick : peekWithJackson(bytes, off, len);
    }

    /** {@link #peek} with Jackson's streaming parser, for every line: what {@link PeekScan} must agree with. */
    static Peek peekWithJackson(byte[] bytes, int off, int len) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw new IllegalArgumentException("no resourceType");
            }
            Found found = new Found();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                boolean read = true;
                switch (field) {
                    case "resourceType" -> found.type = scalar(p, value);
                    case "id" -> found.id = scalar(p, value);
                    case "subject" -> found.subject = reference(p, value);
                    case "patient" -> found.patient = reference(p, value);
                    default -> {
                        p.skipChildren();
                        read = false;
                    }
                }
                // Only a member the peek reads can settle the line (as in PeekScan).
                Peek settled = read ? found.settled() : null;
                if (settled != null) {
                    return settled;
                }
            }
            return found.atEnd();
        }
    }

    private static String scalar(JsonParser p, JsonToken value) throws IOException {
        if (value.isScalarValue()) {
            return p.getText();
        }
        p.skipChildren();
        return "";
    }

    /** The {@code reference} of a Reference object, skipping the rest of it; empty when there is none. */
    private static String reference(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return "";
        }
        String ref = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("reference") && v == JsonToken.VALUE_STRING) {
                ref = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return ref;
    }

    /** A FHIR id ({@code [A-Za-z0-9-.]{1,64}}) from {@code from} to the end. */
    private static boolean isPlainId(String s, int from) {
        int n = s.length() - from;
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    static List<Path> inputs(Path input) throws IOException {
        return InputFiles.of(input);
    }

    /** Partition {@code p}'s spilled lines (those pass 2 cannot read in their input file), one after another, as they were. */
    static Path partitionFile(Path workDir, int p) {
        return workDir.resolve(String.format("part-%04d.ndjson", p));
    }

    /** Where each of partition {@code p}'s lines came from, whose it is, and where pass 2 reads it. */
    static Path indexFile(Path workDir, int p) {
        return workDir.resolve(String.format("part-%04d.index", p));
    }

    /**
     * The patient a resource belongs to: a Patient's own id, else the id in its subject or patient reference,
     * relative ({@code Patient/x}) or absolute ({@code https://host/fhir/Patient/x}). A resource is screened
     * only with the patient it names, so one patient's entries never become another's evidence; a reference
     * that names no patient id (such as a {@code urn:uuid}, which NDJSON cannot resolve) skips the line.
     */
    static String patientOf(String type, String id, String ref) {
        if (type.equals("Patient")) {
            if (id.isEmpty()) {
                throw new IllegalArgumentException("Patient without an id");
            }
            return withoutControlCharacters(type, id);
        }
        if (ref.startsWith("Patient/") && isPlainId(ref, "Patient/".length())) {
            // The common case, without building an IdType for every line.
            return ref.substring("Patient/".length());
        }
        IdType target = new IdType(ref);
        if (!"Patient".equals(target.getResourceType()) || !target.hasIdPart() || !(ref.startsWith("Patient/") || target.isAbsolute())) {
            throw new IllegalArgumentException(type + " names no patient (subject.reference or patient.reference Patient/<id>)");
        }
        return withoutControlCharacters(type, target.getIdPart());
    }

    /**
     * A patient id as it is, unless it holds a control character (written escaped in the JSON), which no FHIR id has and
     * which would break the line of the partition's index (tab-separated) that names the patient.
     */
    private static String withoutControlCharacters(String type, String patient) {
        for (int i = 0; i < patient.length(); i++) {
            if (patient.charAt(i) < 0x20) {
                throw new IllegalArgumentException(type + " names a patient id with a control character, which no FHIR id has");
            }
        }
        return patient;
    }
}
