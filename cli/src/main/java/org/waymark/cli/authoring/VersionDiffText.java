package org.waymark.cli.authoring;

import org.waymark.pathways.scenario.VersionDiff;

/** {@link VersionDiff}'s result as the text {@code waymark diff} prints. */
final class VersionDiffText {
    private VersionDiffText() {
    }

    static String render(VersionDiff.Result r) {
        StringBuilder out = new StringBuilder();
        out.append(r.ruleSet()).append(' ').append(r.from()).append(" -> ").append(r.to()).append(": ")
                .append(r.changes().size()).append(" of ").append(r.patients()).append(" patients change\n");
        for (VersionDiff.Change c : r.changes()) {
            out.append("  ").append(c.title()).append("  (").append(c.file()).append(")\n");
            c.gained().forEach(g -> out.append("      + ").append(g).append('\n'));
            c.lost().forEach(l -> out.append("      - ").append(l).append('\n'));
        }
        if (!r.perCode().isEmpty()) {
            out.append("per code (patients gaining / losing):\n");
            r.perCode().forEach((code, n) -> out.append(String.format("  %-50s +%d / -%d%n", code, n[0], n[1])));
        }
        r.errors().forEach(e -> out.append("  error: ").append(e).append('\n'));
        return out.toString();
    }
}
