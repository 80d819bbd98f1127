package org.waymark.engine.lint;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.waymark.engine.facts.Coding;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.valueset.Provenance;
import org.waymark.engine.valueset.ValueSetFile;

/**
 * Checks one value-set file: codes well formed for their system, the provenance header present
 * (docs/authoring.md, "Value sets"), and every code either in the published lists the file names as its
 * source or declared as an addition with {@code # added: <code> <reason>}.
 */
final class ValueSetChecks {
    private static final Pattern LOCAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern REVIEW = Pattern.compile("(reviewed|draft) \\d{4}-\\d{2}-\\d{2} \\S.*");
    private static final List<String> REQUIRED = List.of("source", "source-version", "filter", "review");

    private final PublishedLists published;
    private final Function<ValueSetFile, String> where;

    /** {@code where} gives the file's name as reported (relative to the repository root). */
    ValueSetChecks(PublishedLists published, Function<ValueSetFile, String> where) {
        this.published = published;
        this.where = where;
    }

    void check(ValueSetFile file, List<Problem> out) {
        String rel = where.apply(file);
        List<Coding> codes = file.valueSet().codes();
        for (int i = 0; i < codes.size(); i++) {
            int line = file.codeLines().get(i);
            wellFormed(codes.get(i)).ifPresent(p -> out.add(new Problem(rel, line, p)));
        }
        for (String key : REQUIRED) {
            if (!file.headerLines().containsKey(key)) {
                out.add(new Problem(rel, 1, "no '# " + key + ":' line (every value set states source, source-version, filter and review)"));
            }
        }
        Provenance provenance = file.valueSet().provenance();
        if (file.headerLines().containsKey("review") && !REVIEW.matcher(provenance.review()).matches()) {
            out.add(new Problem(rel, file.headerLines().get("review"),
                    "'# review: " + provenance.review() + "' is not 'reviewed|draft YYYY-MM-DD <reviewer role>'"));
        }
        if (!provenance.source().isEmpty() && !provenance.local()) {
            checkMembership(file, rel, provenance, out);
        }
    }

    private void checkMembership(ValueSetFile file, String rel, Provenance provenance, List<Problem> out) {
        int sourceLine = file.headerLines().get("source");
        Set<String> listed = new HashSet<>();
        boolean allFound = true;
        for (String path : provenance.sources()) {
            Optional<Set<String>> codes = published.codes(path);
            codes.ifPresent(listed::addAll);
            if (codes.isEmpty()) {
                allFound = false;
                out.add(new Problem(rel, sourceLine, "source '" + path + "' is not a published list under "
                        + PublishedLists.FOLDER + "/ (or write '# source: local')"));
            }
        }
        if (!allFound) {
            return;
        }
        Set<String> added = new HashSet<>();
        Set<String> inFile = new HashSet<>();
        file.valueSet().codes().forEach(c -> inFile.add(c.code()));
        for (Provenance.Addition a : provenance.additions()) {
            added.add(a.code());
            if (a.reason().isEmpty()) {
                out.add(new Problem(rel, a.line(), "'# added: " + a.code() + "' gives no reason"));
            }
            if (!inFile.contains(a.code())) {
                out.add(new Problem(rel, a.line(), "'# added: " + a.code() + "' names a code that is not in the file"));
            } else if (listed.contains(a.code())) {
                out.add(new Problem(rel, a.line(), "'# added: " + a.code() + "' is already in the published source"));
            }
        }
        List<Coding> codes = file.valueSet().codes();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i).code();
            if (!listed.contains(code) && !added.contains(code)) {
                out.add(new Problem(rel, file.codeLines().get(i), "code " + code + " is not in " + provenance.source()
                        + " (remove it, or declare it with '# added: " + code + " <reason>')"));
            }
        }
    }

    private static Optional<String> wellFormed(Coding coding) {
        if (coding.system().equals(Coding.SNOMED)) {
            return SnomedIdentifier.problem(coding.code());
        }
        return LOCAL_CODE.matcher(coding.code()).matches() ? Optional.empty()
                : Optional.of("'" + coding.code() + "' is not a well-formed code for " + coding.system());
    }
}
