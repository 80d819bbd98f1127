package org.waymark.pathways.kpi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.waymark.pathways.evaluation.PathwayInstance;
import org.waymark.pathways.evaluation.StepState;
import org.waymark.pathways.evaluation.StepStatus;

/** Aggregates pathway instances from many patients into per-step time-standard KPIs. Not thread-safe; one per run. */
public final class PathwayKpi {
    private final Map<String, Acc> byStep = new LinkedHashMap<>();

    private static final class Acc {
        final String pathway;
        final String step;
        final boolean standardStep;
        final double target;
        int instances;
        int met;
        int breached;
        int open;
        final List<Duration> times = new ArrayList<>();

        Acc(String pathway, String step, boolean standardStep, double target) {
            this.pathway = pathway;
            this.step = step;
            this.standardStep = standardStep;
            this.target = target;
        }
    }

    /** What happened to one step of one instance, as far as the KPI is concerned. */
    public enum Outcome { MET, BREACHED, OPEN }

    public void add(List<PathwayInstance> instances) {
        for (PathwayInstance i : instances) {
            for (StepState s : i.steps()) {
                if (s.status() == StepStatus.NOT_REQUIRED || s.status() == StepStatus.PENDING) {
                    continue;
                }
                Outcome outcome = s.metStandard() ? Outcome.MET : s.breached() ? Outcome.BREACHED : Outcome.OPEN;
                add(i.pathway().id(), s.step().id(), s.step().id().equals(i.pathway().kpiStep()), i.pathway().kpiTarget(), outcome,
                        s.timeToDone());
            }
        }
    }

    /** Adds one step outcome, e.g. read back from a screening partition's file. */
    public void add(String pathway, String step, boolean standardStep, double target, Outcome outcome, Optional<Duration> timeToDone) {
        Acc acc = byStep.computeIfAbsent(pathway + "/" + step, k -> new Acc(pathway, step, standardStep, target));
        acc.instances++;
        switch (outcome) {
            case MET -> acc.met++;
            case BREACHED -> acc.breached++;
            case OPEN -> acc.open++;
        }
        timeToDone.ifPresent(acc.times::add);
    }

    /** Merges another run's figures (e.g. from another worker thread). */
    public void addAll(PathwayKpi other) {
        other.byStep.forEach((k, o) -> {
            Acc acc = byStep.computeIfAbsent(k, x -> new Acc(o.pathway, o.step, o.standardStep, o.target));
            acc.instances += o.instances;
            acc.met += o.met;
            acc.breached += o.breached;
            acc.open += o.open;
            acc.times.addAll(o.times);
        });
    }

    public List<StepKpi> results() {
        List<StepKpi> out = new ArrayList<>();
        byStep.values().stream().sorted((a, b) -> (a.pathway + a.step).compareTo(b.pathway + b.step)).forEach(a -> {
            List<Duration> sorted = a.times.stream().sorted().toList();
            Optional<Duration> median = sorted.isEmpty() ? Optional.empty()
                    : Optional.of(sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : sorted.get(sorted.size() / 2 - 1).plus(sorted.get(sorted.size() / 2)).dividedBy(2));
            out.add(new StepKpi(a.pathway, a.step, a.standardStep, a.target, a.instances, a.met, a.breached, a.open, median));
        });
        return out;
    }
}
