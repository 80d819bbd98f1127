package org.waymark.pathways.evaluation;

import java.util.Locale;

/**
 * An instance is {@code MET} when every required step was done within its deadline, {@code BREACHED} when a
 * required step is overdue or was done late, {@code CLOSED} when a closing entry ended it (or the patient
 * died on a pathway with no after-death steps), else {@code OPEN}.
 */
public enum InstanceStatus {
    OPEN, MET, BREACHED, CLOSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
