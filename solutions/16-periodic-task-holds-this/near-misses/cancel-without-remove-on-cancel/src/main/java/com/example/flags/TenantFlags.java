package com.example.flags;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The feature flags of one tenant (a customer's workspace), kept fresh in the background.
 *
 * <p>The server opens one when a tenant's first request comes in and closes it when the tenant has
 * been idle for a while. While it is open, the application's scheduler refreshes the flags from the
 * flag service and sends the service a report of how often each flag was looked at.
 */
public class TenantFlags implements Closeable {

    private final String tenant;
    private final FlagService service;
    private final Map<String, LongAdder> evaluations = new ConcurrentHashMap<>();
    private volatile Map<String, Boolean> flags;
    private volatile boolean closed;
    /** The tenant's work on the scheduler: what holds it there until it is cancelled. */
    private ScheduledFuture<?> refreshing;
    private ScheduledFuture<?> reporting;

    private TenantFlags(String tenant, FlagService service, Map<String, Boolean> flags) {
        this.tenant = tenant;
        this.service = service;
        this.flags = flags;
    }

    /**
     * Loads the flags of {@code tenant}, then keeps them fresh on {@code scheduler}: a refresh every
     * {@code refreshEvery}, a usage report every {@code reportEvery}.
     */
    public static TenantFlags open(ScheduledExecutorService scheduler, FlagService service, String tenant,
            Duration refreshEvery, Duration reportEvery) throws IOException {
        TenantFlags tenantFlags = new TenantFlags(tenant, service, service.fetchFlags(tenant));
        tenantFlags.refreshing = scheduler.scheduleWithFixedDelay(tenantFlags::refresh,
                refreshEvery.toMillis(), refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
        tenantFlags.reporting = scheduler.scheduleWithFixedDelay(tenantFlags::reportUsage,
                reportEvery.toMillis(), reportEvery.toMillis(), TimeUnit.MILLISECONDS);
        return tenantFlags;
    }

    /** Whether {@code flag} is on for the tenant; a flag the service does not know is off. */
    public boolean isEnabled(String flag) {
        evaluations.computeIfAbsent(flag, f -> new LongAdder()).increment();
        return flags.getOrDefault(flag, false);
    }

    /**
     * Stops the tenant's background work and sends the service the last usage report.
     *
     * @throws IOException if the flag service could not be reached for the last report (the server logs it)
     */
    @Override
    public void close() throws IOException {
        closed = true;
        refreshing.cancel(false); // first: the last report below can fail
        reporting.cancel(false);
        sendUsage();
    }

    private void refresh() {
        if (closed) {
            return;
        }
        try {
            flags = service.fetchFlags(tenant);
        } catch (IOException serviceDown) {
            // keep the flags we have; the next refresh tries again
        }
    }

    private void reportUsage() {
        if (closed) {
            return;
        }
        try {
            sendUsage();
        } catch (IOException serviceDown) {
            // these counts are lost; the dashboards can live with a gap
        }
    }

    private void sendUsage() throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        evaluations.forEach((flag, count) -> {
            long sinceLastReport = count.sumThenReset();
            if (sinceLastReport > 0) {
                counts.put(flag, sinceLastReport);
            }
        });
        if (!counts.isEmpty()) {
            service.reportUsage(tenant, counts);
        }
    }
}
