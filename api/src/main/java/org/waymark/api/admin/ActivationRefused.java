package org.waymark.api.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.waymark.api.http.ApiException;

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

    /** A 409 whose first issue says what was refused and each further issue gives one reason. */
    ApiException conflict() {
        List<ApiException.Issue> issues = new ArrayList<>();
        issues.add(new ApiException.Issue(getMessage(), Optional.empty()));
        reasons.forEach(r -> issues.add(new ApiException.Issue(r, Optional.empty())));
        return new ApiException(409, issues);
    }
}
