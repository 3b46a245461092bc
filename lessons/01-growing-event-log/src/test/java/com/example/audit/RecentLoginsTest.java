package com.example.audit;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.liveInstances;
import static dev.leakproof.LeakAssertions.retainedBy;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The recent sign-ins panel")
class RecentLoginsTest {

    private static final int DASHBOARD_SIZE = 100;

    private final RecentLogins logins = new RecentLogins(DASHBOARD_SIZE);

    @ContractTest
    @DisplayName("shows the latest sign-ins, newest first")
    void showsNewestFirst() {
        logins.record(login(1));
        logins.record(login(2));
        logins.record(login(3));

        assertThat(logins.latest()).extracting(LoginEvent::user)
                .as("the users of the sign-ins the panel shows, newest first")
                .containsExactly("user-3", "user-2", "user-1");
    }

    @ContractTest
    @DisplayName("shows no more sign-ins than the panel has room for, and the latest of them")
    void showsAtMostTheDashboardSize() {
        IntStream.range(0, 1_000).forEach(i -> logins.record(login(i)));

        assertThat(logins.latest())
                .as("the sign-ins the panel shows after 1,000 sign-ins, newest first")
                .hasSize(DASHBOARD_SIZE)
                .extracting(LoginEvent::user)
                .containsExactlyElementsOf(IntStream.iterate(999, i -> i - 1).limit(DASHBOARD_SIZE)
                        .mapToObj(i -> "user-" + i).collect(Collectors.toList()));
    }

    @ContractTest
    @DisplayName("shows nothing before anyone signs in")
    void startsEmpty() {
        assertThat(logins.latest()).as("the sign-ins the panel shows before the first").isEmpty();
    }

    @LeakTest
    @DisplayName("lets a sign-in that dropped off the panel be garbage collected")
    void forgetsOldSignIns() {
        var oldest = watch(() -> {
            LoginEvent event = login(0);
            logins.record(event);
            return event;
        });
        IntStream.rangeClosed(1, DASHBOARD_SIZE).forEach(i -> logins.record(login(i)));

        assertThat(oldest).isCollectable();
    }

    @LeakTest
    @DisplayName("keeps no more sign-ins in memory than the panel shows, however many are recorded")
    void keepsABoundedNumberOfSignIns() {
        assertThat(liveInstances(LoginEvent.class))
                .whileRepeating(100_000, i -> logins.record(login(i)))
                .growsByAtMost(DASHBOARD_SIZE);
    }

    @LeakTest
    @DisplayName("holds no more memory after 20,000 more sign-ins than with a full panel, in whatever form it keeps them")
    void holdsABoundedAmountOfMemory() {
        // A full panel first (numbers of four digits and more, so every user id has the same size):
        // from here on a bounded RecentLogins holds as much after a sign-in as before it.
        int full = 10 * DASHBOARD_SIZE;
        IntStream.range(0, full).forEach(i -> logins.record(login(full + i)));

        assertThat(retainedBy(logins))
                .whileRepeating(20_000, i -> logins.record(login(2 * full + i)))
                .growsByAtMost(8 * 1024);
    }

    private static LoginEvent login(int i) {
        return new LoginEvent("user-" + i, "203.0.113." + (i % 250), Instant.ofEpochSecond(1_700_000_000L + i));
    }
}
