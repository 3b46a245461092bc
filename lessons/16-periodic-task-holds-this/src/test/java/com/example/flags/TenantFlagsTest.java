package com.example.flags;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.liveInstances;
import static dev.leakproof.LeakAssertions.measure;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The feature flags of a tenant")
class TenantFlagsTest {

    /** Refreshes and reports that fall due again and again while a test of the behaviour waits for them. */
    private static final Duration OFTEN = Duration.ofMillis(10);
    /** Periods long enough that nothing falls due while a test runs: its verdict never depends on timing. */
    private static final Duration REFRESH = Duration.ofMinutes(10);
    private static final Duration REPORT = Duration.ofMinutes(30);
    /** How long a test of the behaviour waits for the scheduler, at most: generous, for a busy machine. */
    private static final long PATIENCE_MILLIS = 20_000;

    /** The application's one scheduler, shared by every tenant; stopped after each test, whatever happened. */
    private final ScheduledThreadPoolExecutor scheduler = BackgroundScheduler.create();
    private final StubFlagService service = new StubFlagService();

    @AfterEach
    void stopTheScheduler() throws InterruptedException {
        scheduler.shutdownNow();
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the scheduler's thread did not stop within 10 s");
        }
    }

    @ContractTest
    @DisplayName("answers each flag as the flag service has it for the tenant, and a flag it does not know as off")
    void answersTheFlagsOfItsTenant() {
        service.switchFlag("acme", "dark-mode", true);

        TenantFlags acme = open("acme", REFRESH, REPORT);
        TenantFlags globex = open("globex", REFRESH, REPORT);

        assertThat(acme.isEnabled("new-checkout")).as("new-checkout, on for every tenant, for acme").isTrue();
        assertThat(acme.isEnabled("dark-mode")).as("dark-mode, switched on for acme only, for acme").isTrue();
        assertThat(globex.isEnabled("dark-mode")).as("dark-mode, switched on for acme only, for globex").isFalse();
        assertThat(globex.isEnabled("no-such-flag")).as("a flag the flag service does not know").isFalse();
    }

    @ContractTest
    @DisplayName("picks up a flag switched on the flag service at a later refresh")
    void picksUpASwitchedFlag() {
        TenantFlags acme = open("acme", OFTEN, REPORT);

        service.switchFlag("acme", "dark-mode", true);
        // Refreshes of one tenant never overlap: once a second fetch after the switch has begun, the
        // first one's flags are in place.
        service.awaitFetches("acme", service.fetches("acme") + 2);

        assertThat(acme.isEnabled("dark-mode")).as("dark-mode, switched on after acme's flags were loaded").isTrue();
    }

    @ContractTest
    @DisplayName("keeps the flags it has while refreshes fail, and picks up changes once the flag service is back")
    void keepsItsFlagsWhileTheServiceIsDown() {
        TenantFlags acme = open("acme", OFTEN, REPORT);

        service.goDown();
        service.awaitFetches("acme", service.fetches("acme") + 2);
        assertThat(acme.isEnabled("new-checkout")).as("new-checkout, on when loaded, after refreshes failed").isTrue();

        service.comeBack();
        service.switchFlag("acme", "dark-mode", true);
        service.awaitFetches("acme", service.fetches("acme") + 2);
        assertThat(acme.isEnabled("dark-mode")).as("dark-mode, switched on once the flag service was back").isTrue();
    }

    @ContractTest
    @DisplayName("reports to the flag service how often each flag was looked at, on schedule")
    void reportsUsageOnSchedule() {
        TenantFlags acme = open("acme", REFRESH, OFTEN);

        acme.isEnabled("new-checkout");
        acme.isEnabled("new-checkout");
        acme.isEnabled("dark-mode");
        acme.isEnabled("new-checkout");
        Map<String, Long> lookedAt = Map.of("new-checkout", 3L, "dark-mode", 1L);
        service.awaitReported("acme", lookedAt);

        assertThat(service.reported("acme")).as("what acme's reports add up to, while it is open").isEqualTo(lookedAt);
    }

    @ContractTest
    @DisplayName("sends what was not reported yet when it is closed, and nothing when it is closed again")
    void sendsTheLastReportWhenClosed() throws IOException {
        TenantFlags acme = open("acme", REFRESH, REPORT);
        acme.isEnabled("new-checkout");
        acme.isEnabled("bulk-export");
        acme.isEnabled("new-checkout");

        acme.close();
        assertThatCode(acme::close).as("closing acme's flags a second time").doesNotThrowAnyException();

        assertThat(service.reports("acme")).as("the reports sent for acme, before its first scheduled report")
                .containsExactly(Map.of("new-checkout", 2L, "bulk-export", 1L));
    }

    @ContractTest
    @DisplayName("tells the server with an IOException when the last report failed because the flag service is down")
    void reportsAFailedLastReport() {
        TenantFlags acme = open("acme", REFRESH, REPORT);
        acme.isEnabled("new-checkout");
        service.goDown();

        assertThatThrownBy(acme::close).as("closing acme's flags while the flag service is down")
                .isInstanceOf(IOException.class);
    }

    @ContractTest
    @DisplayName("fetches and reports nothing more once closed, while the other tenants go on")
    void doesNothingMoreOnceClosed() throws IOException {
        open("globex", OFTEN, OFTEN).isEnabled("new-checkout");
        TenantFlags acme = open("acme", OFTEN, OFTEN);
        service.awaitFetches("acme", 3);

        acme.isEnabled("new-checkout");
        acme.close();
        acme.isEnabled("dark-mode"); // looked at after close: a report of it would come from a task still running
        open("initech", OFTEN, OFTEN);
        // One thread runs the scheduler's tasks, in the order they fall due (the earlier scheduled first
        // on a tie). By initech's fourth fetch, whatever acme had under way when it was closed is over.
        // From then on, any task scheduled every 10 ms before initech's runs at least once between two
        // of initech's refreshes: four more of them, counted from after the readings, leave no doubt.
        service.awaitFetches("initech", 4);
        int acmeFetches = service.fetches("acme");
        int acmeReports = service.reports("acme").size();
        int globexFetches = service.fetches("globex");
        service.awaitFetches("initech", service.fetches("initech") + 4);

        assertThat(service.fetches("acme")).as("acme's fetches, while initech refreshed four more times")
                .isEqualTo(acmeFetches);
        assertThat(service.reports("acme")).as("acme's reports, while initech refreshed four more times")
                .hasSize(acmeReports);
        assertThat(service.fetches("globex")).as("globex's fetches, while initech refreshed four more times")
                .isGreaterThan(globexFetches);
    }

    @LeakTest
    @DisplayName("lets a closed tenant's flags be garbage collected, while other tenants stay open")
    void releasesAClosedTenant() {
        open("globex", REFRESH, REPORT);
        var closed = watch(() -> {
            TenantFlags acme = open("acme", REFRESH, REPORT);
            acme.isEnabled("new-checkout");
            closeAsTheServerDoes(acme);
            return acme;
        });

        assertThat(closed).isCollectable();
    }

    @LeakTest
    @DisplayName("lets a closed tenant's flags be garbage collected when the last report failed because the flag service was down")
    void releasesATenantWhoseLastReportFailed() {
        open("globex", REFRESH, REPORT);
        var closed = watch(() -> {
            TenantFlags acme = open("acme", REFRESH, REPORT);
            acme.isEnabled("new-checkout");
            service.goDown();
            closeAsTheServerDoes(acme);
            service.comeBack();
            return acme;
        });

        assertThat(closed).isCollectable();
    }

    @LeakTest
    @DisplayName("leaves the scheduler's queue as it found it after 2,000 tenants came and went, some while the flag service was down")
    void leavesTheSchedulersQueueAsItFoundIt() {
        open("globex", REFRESH, REPORT); // open all day: its tasks are in the queue before and after

        assertThat(measure("tasks in the scheduler's queue", () -> scheduler.getQueue().size()))
                .whileRepeating(2_000, this::aTenantComesAndGoes)
                .growsByAtMost(0);
    }

    @LeakTest
    @DisplayName("keeps no closed tenant's flags in memory after 2,000 tenants came and went, whatever would hold them")
    void keepsNoClosedTenantsFlags() {
        open("globex", REFRESH, REPORT); // open all day: its flags are alive before and after

        assertThat(liveInstances(TenantFlags.class))
                .whileRepeating(2_000, this::aTenantComesAndGoes)
                .growsByAtMost(0);
    }

    /**
     * One tenant of a working day: its first request opens its flags, a few are looked at, and it
     * goes idle, so the server closes them. One close in ten happens while the flag service is down.
     */
    private void aTenantComesAndGoes(int i) {
        TenantFlags tenant = open("tenant-" + i, REFRESH, REPORT);
        tenant.isEnabled("new-checkout");
        tenant.isEnabled("experiment-" + i % 40);
        if (i % 10 == 9) {
            service.goDown();
        }
        closeAsTheServerDoes(tenant);
        service.comeBack();
    }

    private TenantFlags open(String tenant, Duration refreshEvery, Duration reportEvery) {
        try {
            return TenantFlags.open(scheduler, service, tenant, refreshEvery, reportEvery);
        } catch (IOException e) {
            throw new UncheckedIOException("opening the flags of " + tenant + " failed", e);
        }
    }

    /**
     * Closes a tenant's flags as the server does when the tenant goes idle: a failed last report is
     * expected while the flag service is down (the server logs it); at any other time, it is not.
     */
    private void closeAsTheServerDoes(TenantFlags tenant) {
        try {
            tenant.close();
        } catch (IOException e) {
            if (!service.isDown()) {
                throw new UncheckedIOException("closing a tenant's flags failed while the flag service was up", e);
            }
        }
    }

    /**
     * A stand-in for the flag service: every tenant has the same 50 flags, some switched for one
     * tenant. Each fetch makes a new map, as one read from the network does. It records every fetch
     * tried and every report received, and can go down, when fetches and reports fail.
     */
    private static final class StubFlagService implements FlagService {

        private final Map<String, Map<String, Boolean>> switched = new HashMap<>();
        private final Map<String, Integer> fetches = new HashMap<>();
        private final Map<String, List<Map<String, Long>>> reports = new HashMap<>();
        private volatile boolean down;

        @Override
        public synchronized Map<String, Boolean> fetchFlags(String tenant) throws IOException {
            fetches.merge(tenant, 1, Integer::sum);
            notifyAll();
            if (down) {
                throw new IOException("flag service unavailable");
            }
            Map<String, Boolean> flags = new HashMap<>();
            flags.put("new-checkout", true);
            flags.put("dark-mode", false);
            flags.put("bulk-export", true);
            for (int i = 0; i < 47; i++) {
                flags.put("experiment-" + i, i % 3 == 0);
            }
            flags.putAll(switched.getOrDefault(tenant, Map.of()));
            return flags;
        }

        @Override
        public synchronized void reportUsage(String tenant, Map<String, Long> evaluations) throws IOException {
            if (down) {
                throw new IOException("flag service unavailable");
            }
            reports.computeIfAbsent(tenant, t -> new ArrayList<>()).add(Map.copyOf(evaluations));
            notifyAll();
        }

        synchronized void switchFlag(String tenant, String flag, boolean on) {
            switched.computeIfAbsent(tenant, t -> new HashMap<>()).put(flag, on);
        }

        void goDown() {
            down = true;
        }

        void comeBack() {
            down = false;
        }

        boolean isDown() {
            return down;
        }

        /** The fetches of the tenant's flags tried so far, the failed ones included. */
        synchronized int fetches(String tenant) {
            return fetches.getOrDefault(tenant, 0);
        }

        synchronized List<Map<String, Long>> reports(String tenant) {
            return List.copyOf(reports.getOrDefault(tenant, List.of()));
        }

        /** What the tenant's reports add up to: how often each flag was looked at, by every report. */
        synchronized Map<String, Long> reported(String tenant) {
            Map<String, Long> total = new TreeMap<>();
            reports.getOrDefault(tenant, List.of()).forEach(report -> report.forEach((flag, count) -> total.merge(flag, count, Long::sum)));
            return total;
        }

        /** Waits until the tenant's flags were fetched {@code count} times; fails the test after the patience runs out. */
        synchronized void awaitFetches(String tenant, int count) {
            awaitUntil(() -> fetches(tenant) >= count, tenant + "'s flags fetched " + count + " times");
        }

        /** Waits until the tenant's reports add up to {@code total}; fails the test after the patience runs out. */
        synchronized void awaitReported(String tenant, Map<String, Long> total) {
            awaitUntil(() -> reported(tenant).equals(new TreeMap<>(total)), tenant + "'s reports adding up to " + total);
        }

        private void awaitUntil(java.util.function.BooleanSupplier done, String what) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("waited " + PATIENCE_MILLIS / 1000 + " s for " + what
                            + " on the scheduler: it never happened");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + what, e);
                }
            }
        }
    }
}
