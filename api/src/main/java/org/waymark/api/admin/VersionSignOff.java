package org.waymark.api.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.waymark.api.store.Database;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.ScenarioLoader;

/**
 * The lifecycle of a rule-set version, draft → reviewed → active → retired, and its sign-off: an author submits a
 * version (it must compile, lint clean and pass its scenarios) and its evidence pack is generated and stored; a clinical
 * safety officer who neither submitted it nor is named among its manifest's {@code authors} approves that pack by its
 * SHA-256. {@link RuleSetAdmin#activate} then lets it serve.
 */
public final class VersionSignOff {
    /** A version's place in its lifecycle, with its sign-off when there is one. */
    public record Lifecycle(String ruleSet, String version, String state, String submittedBy, Instant submittedAt, String evidenceSha256,
                            String approvedBy, Instant approvedAt) {
    }

    private final RuleSetAdmin admin;
    private final VersionReviews reviews;
    private final Object signing = new Object();

    public VersionSignOff(RuleSetAdmin admin, Database db) {
        this.admin = admin;
        this.reviews = new VersionReviews(db);
    }

    /** Runs the activation checks on the version and, when it passes, stores its evidence pack as submitted by {@code author}. */
    VersionReviews.Review submit(String id, String version, String author) throws ActivationRefused {
        synchronized (signing) {
            RuleSets snapshot = admin.current();
            RuleSetVersion candidate = snapshot.find(id, version)
                    .orElseThrow(() -> new ActivationRefused("no loaded version " + id + "@" + version + " (reload first?)", List.of()));
            Optional<VersionReviews.Review> earlier = reviews.find(id, version);
            if (earlier.isPresent() && earlier.get().approved()) {
                throw new ActivationRefused(id + "@" + version + " is already approved by " + earlier.get().approvedBy().orElseThrow()
                        + ": change it in a new version folder", List.of());
            }
            List<String> reasons = admin.checks(snapshot, candidate);
            if (!reasons.isEmpty()) {
                throw new ActivationRefused(id + "@" + version + " cannot be submitted for review: " + reasons.size()
                        + " problems (failing scenarios, lint or compilation)", reasons);
            }
            CompiledRuleSet rs = (CompiledRuleSet) candidate;
            Optional<CompiledRuleSet> active = snapshot.active(id);
            Instant now = admin.clock().instant();
            String pack = EvidencePack.of(rs, active, scenarios(rs), active.map(VersionSignOff::scenarios).orElse(List.of()), author, now).markdown();
            VersionReviews.Review review = new VersionReviews.Review(id, version, author, now, pack, AdminAuth.sha256(pack), Optional.empty(),
                    Optional.empty());
            reviews.submit(review);
            return review;
        }
    }

    /** Approves the submitted pack whose SHA-256 the safety officer read; refused for its submitter and its manifest's authors. */
    VersionReviews.Review approve(String id, String version, String officer, String evidenceSha256) throws ActivationRefused {
        synchronized (signing) {
            VersionReviews.Review review = reviews.find(id, version).orElseThrow(() -> new ActivationRefused(id + "@" + version
                    + " is not submitted for review: an author submits it first (POST /admin/rule-sets/" + id + "/versions/" + version + "/submit)",
                    List.of()));
            if (review.approved()) {
                throw new ActivationRefused(id + "@" + version + " is already approved by " + review.approvedBy().orElseThrow(), List.of());
            }
            if (review.submittedBy().equals(officer)) {
                throw new ActivationRefused("self-approval: " + officer + " submitted " + id + "@" + version
                        + "; another clinical safety officer must approve it", List.of());
            }
            List<String> authors = admin.current().compiled(id, version).map(rs -> rs.manifest().authors()).orElse(List.of());
            if (authors.stream().anyMatch(a -> a.strip().equalsIgnoreCase(officer))) {
                throw new ActivationRefused("self-approval: " + officer + " is named among the authors of " + id + "@" + version
                        + " (manifest.yaml authors); another clinical safety officer must approve it", List.of());
            }
            String sha = evidenceSha256.toLowerCase(Locale.ROOT);
            if (!review.evidenceSha256().equals(sha) || !reviews.approve(id, version, sha, officer, admin.clock().instant())) {
                throw new ActivationRefused("the evidence pack of " + id + "@" + version + " is not the one approved (SHA-256 " + sha
                        + "): it was resubmitted; read it again (GET .../evidence) and approve what you read", List.of());
            }
            return reviews.find(id, version).orElseThrow();
        }
    }

    /** The stored evidence pack with its sign-off: the pack's SHA-256, who submitted it and who approved it, when. */
    Optional<String> evidence(String id, String version) {
        return reviews.find(id, version).map(r -> r.evidence() + "## Sign-off\n\n"
                + "- Evidence SHA-256 (of everything above this section): `" + r.evidenceSha256() + "`\n"
                + "- Submitted for review by " + r.submittedBy() + ", " + r.submittedAt() + "\n"
                + r.approvedBy().map(who -> "- Approved by " + who + ", " + r.approvedAt().orElseThrow() + " (clinical safety officer)\n")
                        .orElse("- Not yet approved by a clinical safety officer\n"));
    }

    /**
     * Every loaded version's state: active when it serves; retired when it served before (the activation history names
     * it) and no longer does; reviewed when approved; otherwise draft (submitted or not).
     */
    List<Lifecycle> lifecycle() {
        RuleSets snapshot = admin.current();
        return snapshot.ids().stream().flatMap(id -> {
            Map<String, VersionReviews.Review> byVersion = reviews.of(id).stream()
                    .collect(Collectors.toMap(VersionReviews.Review::version, Function.identity()));
            Set<String> served = new HashSet<>();
            admin.history(id).forEach(e -> {
                served.add(e.toVersion());
                e.fromVersion().ifPresent(served::add);
            });
            Optional<String> active = snapshot.active(id).map(CompiledRuleSet::version);
            return snapshot.versions().stream().filter(v -> v.id().equals(id)).map(v -> {
                Optional<VersionReviews.Review> r = Optional.ofNullable(byVersion.get(v.version()));
                String state = active.filter(v.version()::equals).isPresent() ? "active" : served.contains(v.version()) ? "retired"
                        : r.filter(VersionReviews.Review::approved).isPresent() ? "reviewed" : "draft";
                return new Lifecycle(id, v.version(), state, r.map(VersionReviews.Review::submittedBy).orElse(null),
                        r.map(VersionReviews.Review::submittedAt).orElse(null), r.map(VersionReviews.Review::evidenceSha256).orElse(null),
                        r.flatMap(VersionReviews.Review::approvedBy).orElse(null), r.flatMap(VersionReviews.Review::approvedAt).orElse(null));
            });
        }).toList();
    }

    private static List<Path> scenarios(CompiledRuleSet rs) {
        try {
            return ScenarioLoader.find(rs.folder().resolve("scenarios"));
        } catch (IOException e) {
            // The gate has just read the same folder; failing here means it changed under us.
            throw new IllegalStateException("cannot read the scenarios of " + rs.key(), e);
        }
    }
}
