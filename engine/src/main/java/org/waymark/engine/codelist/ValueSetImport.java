package org.waymark.engine.codelist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.waymark.engine.facts.Coding;
import org.waymark.engine.valueset.ValueSetFormatException;

/**
 * {@code waymark valueset import}: turns an OpenCodelists download into a value-set file with its provenance lines
 * (source, source-version with the download date, filter naming every code left out, review as a draft), and keeps
 * the download unchanged under {@code codelists/opencodelists/} so lint checks the value set against it offline.
 */
public final class ValueSetImport {
    /** What was asked: the download, which list version it is, where the value set goes and which codes to leave out. */
    public record Request(Path download, CodelistId id, Path repositoryRoot, Path valueSet, Set<String> excluded, String excludedWhy,
                          LocalDate downloaded, boolean replace) {
        public Request {
            excluded = Set.copyOf(excluded);
            if (!excluded.isEmpty() && (excludedWhy == null || excludedWhy.isBlank())) {
                throw new IllegalArgumentException("say why codes are left out (--why): the filter line records it for reviewers");
            }
        }
    }

    /** What was written. */
    public record Result(Path valueSet, Path keptDownload, int codes, List<Coding> excluded) {
    }

    private ValueSetImport() {
    }

    public static Result run(Request r) throws IOException, ValueSetFormatException {
        OpenCodelistsDownload list = OpenCodelistsDownload.read(r.download());
        Set<String> unknown = new TreeSet<>(r.excluded());
        list.codes().forEach(c -> unknown.remove(c.code()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("codes to leave out are not in the list: " + String.join(", ", unknown));
        }
        if (Files.exists(r.valueSet()) && !r.replace()) {
            throw new IllegalArgumentException(r.valueSet() + " exists; a released version's value set changes only deliberately (--replace)");
        }
        Path kept = keep(r);
        List<Coding> included = new ArrayList<>();
        List<Coding> excluded = new ArrayList<>();
        for (Coding c : list.codes()) {
            (r.excluded().contains(c.code()) ? excluded : included).add(c);
        }
        List<String> lines = new ArrayList<>();
        lines.add("# source: " + r.id().repositoryPath());
        lines.add("# source-version: OpenCodelists " + r.id().organisation() + "/" + r.id().codelist() + " version " + r.id().version()
                + " (" + r.id().address() + "), " + (list.kind() == OpenCodelistsDownload.Kind.DMD ? "dm+d" : "SNOMED CT")
                + ", downloaded " + r.downloaded());
        lines.add("# filter: " + (excluded.isEmpty() ? "none: every code of the list"
                : "left out " + excluded.stream().map(c -> c.code() + " " + c.display()).collect(Collectors.joining("; "))
                + " because " + r.excludedWhy().strip()));
        lines.add("# review: draft " + r.downloaded() + " imported with waymark valueset import; needs clinical review");
        lines.add("system,code,display");
        included.forEach(c -> lines.add(c.system() + "," + c.code() + "," + csv(c.display())));
        Files.createDirectories(r.valueSet().toAbsolutePath().getParent());
        Path tmp = r.valueSet().resolveSibling(r.valueSet().getFileName() + ".tmp");
        Files.write(tmp, lines);
        Files.move(tmp, r.valueSet(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Result(r.valueSet(), kept, included.size(), excluded);
    }

    /** The download, unchanged; a different file already kept for the same list version is an error, not overwritten. */
    private static Path keep(Request r) throws IOException {
        Path kept = r.repositoryRoot().resolve(r.id().repositoryPath());
        byte[] bytes = Files.readAllBytes(r.download());
        if (Files.exists(kept)) {
            if (!Arrays.equals(Files.readAllBytes(kept), bytes)) {
                throw new IllegalArgumentException(kept + " already holds a different download of " + r.id().address()
                        + ": a list version never changes, so check which file is right");
            }
            return kept;
        }
        Files.createDirectories(kept.getParent());
        Files.write(kept, bytes);
        return kept;
    }

    private static String csv(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
