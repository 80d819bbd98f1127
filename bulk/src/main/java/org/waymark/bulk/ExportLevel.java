package org.waymark.bulk;

/** Where a Bulk Data export is kicked off: the whole system, one Group's members, or all patients. */
public enum ExportLevel {
    SYSTEM, GROUP, PATIENT
}
