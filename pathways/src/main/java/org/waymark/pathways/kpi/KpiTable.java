package org.waymark.pathways.kpi;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Renders KPI rows as a plain-text table for the command line and logs. */
public final class KpiTable {
    private KpiTable() {
    }

    public static String render(List<StepKpi> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-28s %-22s %9s %6s %8s %6s %9s %8s %12s%n",
                "pathway", "step", "instances", "met", "breached", "open", "share met", "target", "median time"));
        for (StepKpi k : rows) {
            out.append(String.format(Locale.ROOT, "%-28s %-22s %9d %6d %8d %6d %9s %8s %12s%n",
                    k.pathway(), k.step() + (k.standardStep() ? " *" : ""), k.instances(), k.met(), k.breached(), k.open(),
                    k.shareMet().isPresent() ? String.format(Locale.ROOT, "%.1f%%", 100 * k.shareMet().getAsDouble()) : "-",
                    k.standardStep() ? String.format(Locale.ROOT, "%.0f%%", 100 * k.target()) : "",
                    k.medianTimeToStep().map(KpiTable::human).orElse("-")));
        }
        out.append("* the step the pathway's time standard measures\n");
        return out.toString();
    }

    static String human(Duration d) {
        long minutes = d.toMinutes();
        return minutes < 48 * 60 ? (minutes / 60) + "h " + (minutes % 60) + "m" : d.toDays() + "d " + d.toHoursPart() + "h";
    }
}
