package org.waymark.api.admin;

import java.util.List;

/** Activation was refused; the reasons name the failing files, lines and scenarios. */
public final class ActivationRefused extends Exception {
    private final List<String> reasons;

    public ActivationRefused(String message, List<String> reasons) {
        super(message);
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
