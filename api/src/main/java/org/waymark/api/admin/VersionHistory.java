package org.waymark.api.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The versions a rule set served, as a stack rebuilt from its activation log: an activation pushes its
 * version; a rollback (or a start-up that fell back to an earlier version) pops back to its version. Rolling
 * back twice therefore goes two versions back, never toggles between the last two.
 */
record VersionHistory(List<String> stack) {
    VersionHistory {
        stack = List.copyOf(stack);
    }

    /** From the log's entries, newest first (as {@link ActivationLog#history} gives them). */
    static VersionHistory of(List<ActivationLog.Entry> newestFirst) {
        List<String> stack = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            ActivationLog.Entry e = newestFirst.get(i);
            if (stack.isEmpty()) {
                e.fromVersion().ifPresent(stack::add);
            }
            int earlier = stack.lastIndexOf(e.toVersion());
            if (!e.kind().equals(RuleSetAdmin.ACTIVATE) && earlier >= 0) {
                stack.subList(earlier + 1, stack.size()).clear();
            } else {
                stack.add(e.toVersion());
            }
        }
        return new VersionHistory(stack);
    }

    /** The version the latest entry made active. */
    Optional<String> current() {
        return stack.isEmpty() ? Optional.empty() : Optional.of(stack.get(stack.size() - 1));
    }

    /** The version a rollback returns to: the one that served before the current one. */
    Optional<String> previous() {
        return stack.size() < 2 ? Optional.empty() : Optional.of(stack.get(stack.size() - 2));
    }

    /** Every version in the history, the current one first, then walking back. */
    List<String> newestFirst() {
        List<String> out = new ArrayList<>(stack);
        java.util.Collections.reverse(out);
        return out;
    }
}
