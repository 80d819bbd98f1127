package org.waymark.api.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import io.javalin.http.Context;
import org.waymark.api.cdshooks.HookInvocation;
import org.waymark.api.cdshooks.InvocationListener;
import org.waymark.api.store.Database;
import org.waymark.engine.privacy.PatientKeys;
import org.waymark.engine.assessment.Assessment;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.assessment.CarePathways;
import org.waymark.engine.ruleset.CompiledRuleSet;

/**
 * Candidate versions that shadow active ones: it observes each answered call and assesses it again with the
 * candidate (the service's code filter applied, as live), only the active version's cards are returned, and any
 * difference in recommendation codes is stored (patient as a keyed hash) for the clinical lead to review before
 * activating. Its failures never fail the live call.
 */
public final class ShadowEvaluation implements InvocationListener {
    /** One stored difference. */
    public record Difference(String ruleSet, String activeVersion, String candidateVersion, String service, String patientKey,
                             Set<String> gained, Set<String> lost, Instant at) {
    }

    private final Map<String, String> candidates = new ConcurrentHashMap<>();
    private final Database db;
    private final PatientKeys keys;
    // Rule sets alone: pathway cards are not part of a rule-set version's behaviour.
    private final Assessor assessor = new Assessor(CarePathways.NONE);

    public ShadowEvaluation(Database db, PatientKeys keys) {
        this.db = db;
        this.keys = keys;
    }

    public void shadow(String ruleSet, String version) {
        candidates.put(ruleSet, version);
    }

    public void stop(String ruleSet) {
        candidates.remove(ruleSet);
    }

    public Optional<String> candidate(String ruleSet) {
        return Optional.ofNullable(candidates.get(ruleSet));
    }

    /** Assesses the answered call again with each shadowing candidate of the rule sets it used, and stores differences in their codes. */
    @Override
    public void answered(Context ctx, HookInvocation.Result call) {
        if (candidates.isEmpty()) {
            return;
        }
        for (CompiledRuleSet active : call.ruleSets()) {
            String version = candidates.get(active.id());
            if (version == null || version.equals(active.version())) {
                continue;
            }
            Optional<CompiledRuleSet> candidate = call.snapshot().compiled(active.id(), version);
            if (candidate.isEmpty()) {
                continue;
            }
            Set<String> before = codesOf(call.assessment(), active.id());
            Set<String> after = assessor.assess(new AssessmentRequest(call.record(), call.time(), List.of(candidate.get()), Optional.empty(),
                    call.service().onlyCodes())).codes();
            Set<String> gained = new TreeSet<>(after);
            gained.removeAll(before);
            Set<String> lost = new TreeSet<>(before);
            lost.removeAll(after);
            if (!gained.isEmpty() || !lost.isEmpty()) {
                store(new Difference(active.id(), active.version(), version, call.service().id(),
                        keys.keyOf(call.record().patient().reference()), gained, lost, call.time().instant()));
            }
        }
    }

    private static Set<String> codesOf(Assessment a, String ruleSet) {
        Set<String> out = new TreeSet<>();
        a.recommendations().stream().filter(r -> r.ruleSetId().equals(ruleSet)).forEach(r -> out.add(r.code()));
        return out;
    }

    private void store(Difference d) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO shadow_difference "
                + "(rule_set, active_version, candidate_version, service, patient_key, gained, lost, evaluated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, d.ruleSet());
            ps.setString(2, d.activeVersion());
            ps.setString(3, d.candidateVersion());
            ps.setString(4, d.service());
            ps.setString(5, d.patientKey());
            ps.setString(6, String.join(",", d.gained()));
            ps.setString(7, String.join(",", d.lost()));
            ps.setTimestamp(8, Timestamp.from(d.at()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a shadow difference for " + d.ruleSet(), e);
        }
    }

    public List<Difference> differences(String ruleSet) {
        List<Difference> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT rule_set, active_version, candidate_version, service, "
                + "patient_key, gained, lost, evaluated_at FROM shadow_difference WHERE rule_set = ? ORDER BY id")) {
            ps.setString(1, ruleSet);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Difference(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            split(rs.getString(6)), split(rs.getString(7)), rs.getTimestamp(8).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read shadow differences for " + ruleSet, e);
        }
        return out;
    }

    private static Set<String> split(String s) {
        return s == null || s.isBlank() ? Set.of() : new TreeSet<>(List.of(s.split(",")));
    }
}
