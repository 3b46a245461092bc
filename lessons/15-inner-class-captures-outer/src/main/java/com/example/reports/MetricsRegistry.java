package com.example.reports;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's gauges, by name. The monitoring system scrapes all of them every 15 seconds
 * ({@code GET /metrics}) and draws them on the dashboards.
 *
 * <p>One instance lives as long as the application, and every part of it registers its gauges
 * here. A gauge stays registered until another of the same name takes its place.
 */
public class MetricsRegistry {

    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    /** Registers {@code gauge} under {@code name}, in place of any gauge of that name: every scrape from now on reads it. */
    public void gauge(String name, Gauge gauge) {
        gauges.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(gauge, "gauge"));
    }

    /** The gauge registered under {@code name}, if any. */
    public Optional<Gauge> find(String name) {
        return Optional.ofNullable(gauges.get(name));
    }

    /** What a scrape returns: the value of every gauge, read now, by name. */
    public SortedMap<String, Long> scrape() {
        SortedMap<String, Long> values = new TreeMap<>();
        gauges.forEach((name, gauge) -> values.put(name, gauge.value()));
        return values;
    }

    /** A number the monitoring system reads at every scrape. */
    @FunctionalInterface
    public interface Gauge {

        long value();
    }
}
