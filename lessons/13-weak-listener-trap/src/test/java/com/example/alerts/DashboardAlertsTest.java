package com.example.alerts;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.retainedBy;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import dev.leakproof.Watched;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The alert bus and its dashboards")
class DashboardAlertsTest {

    private final AlertBus bus = new AlertBus();

    /** The sessions the server has open, as its websocket layer holds them. */
    private final List<DashboardSession> openSessions = new ArrayList<>();

    /** What a subscriber of the test's own received. */
    private final List<Alert> received = new CopyOnWriteArrayList<>();

    /** The websocket of the dashboard a leak test ends, watched beside the session. */
    private Watched<Browser> closedBrowser;

    @ContractTest
    @DisplayName("shows an alert on every open dashboard of its team, and on no other team's")
    void showsAnAlertToItsTeam() {
        Browser first = new Browser();
        Browser second = new Browser();
        Browser otherTeam = new Browser();
        open("payments", first);
        open("payments", second);
        open("search", otherTeam);

        bus.publish(new Alert("payments", "card authorisations failing"));

        assertThat(first.frames).as("what the first payments dashboard showed")
                .containsExactly("payments: card authorisations failing");
        assertThat(second.frames).as("what the second payments dashboard showed")
                .containsExactly("payments: card authorisations failing");
        assertThat(otherTeam.frames).as("what the search dashboard showed of a payments alert").isEmpty();
    }

    @ContractTest
    @DisplayName("keeps delivering to a lambda that nothing but the bus refers to, through garbage collections")
    void keepsALambdaSubscribedThroughCollections() {
        var subscriber = watch(() -> {
            Consumer<Alert> pager = received::add;
            bus.subscribe(pager);
            return pager;
        });

        assertThat(subscriber).staysReachable();
        bus.publish(new Alert("payments", "database latency above 2 s"));

        assertThat(received).as("what the subscribed lambda received after two forced full collections")
                .containsExactly(new Alert("payments", "database latency above 2 s"));
    }

    @ContractTest
    @DisplayName("keeps an open dashboard showing alerts through garbage collections")
    void keepsAnOpenDashboardShowingThroughCollections() {
        Browser browser = new Browser();
        open("payments", browser);

        // Two full collections, forced by the toolkit while it checks a subscriber of the test's own.
        assertThat(watch(() -> {
            Consumer<Alert> pager = received::add;
            bus.subscribe(pager);
            return pager;
        })).staysReachable();
        bus.publish(new Alert("payments", "queue backlog growing"));

        assertThat(browser.frames).as("what the open dashboard showed after two forced full collections")
                .containsExactly("payments: queue backlog growing");
    }

    @ContractTest
    @DisplayName("shows nothing more on a dashboard once it is closed, and closes its websocket")
    void showsNothingOnceClosed() {
        Browser browser = new Browser();
        DashboardSession session = open("payments", browser);
        bus.publish(new Alert("payments", "first"));

        session.close();
        session.close();
        bus.publish(new Alert("payments", "second"));

        assertThat(browser.frames).as("what the dashboard showed, closed after the first alert")
                .containsExactly("payments: first");
        assertThat(browser.closed).as("whether the dashboard's websocket was closed").isTrue();
        assertThat(session.isOpen()).as("whether the closed session says it is open").isFalse();
    }

    @ContractTest
    @DisplayName("keeps showing alerts on the other dashboards of a team when one of them is closed")
    void closingOneDashboardLeavesTheOthers() {
        Browser closing = new Browser();
        Browser staying = new Browser();
        DashboardSession first = open("payments", closing);
        open("payments", staying);

        first.close();
        bus.publish(new Alert("payments", "card authorisations failing"));

        assertThat(staying.frames).as("what the dashboard left open showed")
                .containsExactly("payments: card authorisations failing");
        assertThat(closing.frames).as("what the closed dashboard showed").isEmpty();
    }

    @ContractTest
    @DisplayName("ends a dashboard whose browser went away, and keeps showing alerts on the others")
    void endsADashboardWhoseBrowserWentAway() {
        Browser before = new Browser();
        Browser vanishing = new Browser();
        Browser after = new Browser();
        open("payments", before);
        DashboardSession abandoned = open("payments", vanishing);
        open("payments", after);

        vanishing.goAway();
        bus.publish(new Alert("payments", "first"));
        bus.publish(new Alert("payments", "second"));

        assertThat(abandoned.isOpen()).as("whether a session whose browser went away says it is open").isFalse();
        assertThat(vanishing.sendAttempts).as("sends tried to the browser that went away, for two alerts").isEqualTo(1);
        assertThat(before.frames).as("what one of the other dashboards showed")
                .containsExactly("payments: first", "payments: second");
        assertThat(after.frames).as("what another of the other dashboards showed")
                .containsExactly("payments: first", "payments: second");
    }

    @LeakTest
    @DisplayName("lets a closed dashboard and its websocket be garbage collected")
    void forgetsAClosedDashboard() {
        open("payments", new Browser());
        open("search", new Browser());
        var closed = watch(() -> {
            Browser browser = new Browser();
            closedBrowser = watch(() -> browser);
            DashboardSession session = new DashboardSession(bus, "payments", browser);
            bus.publish(new Alert("payments", "card authorisations failing"));
            session.close();
            return session;
        });
        bus.publish(new Alert("payments", "card authorisations back to normal"));

        assertThat(closed).isCollectable();
        assertThat(closedBrowser).isCollectable();
    }

    @LeakTest
    @DisplayName("lets a dashboard whose browser went away, and its websocket, be garbage collected")
    void forgetsADashboardWhoseBrowserWentAway() {
        open("payments", new Browser());
        open("search", new Browser());
        var abandoned = watch(() -> {
            Browser browser = new Browser();
            closedBrowser = watch(() -> browser);
            DashboardSession session = new DashboardSession(bus, "payments", browser);
            bus.publish(new Alert("payments", "card authorisations failing"));
            browser.goAway();
            bus.publish(new Alert("payments", "card authorisations back to normal"));
            return session;
        });
        bus.publish(new Alert("payments", "card authorisations failing again"));

        assertThat(abandoned).isCollectable();
        assertThat(closedBrowser).isCollectable();
    }

    @LeakTest
    @DisplayName("holds no more memory after 5,000 dashboards opened and ended, closed or abandoned by their browser")
    void holdsABoundedAmountOfMemoryOverManyDashboards() {
        // Three pages that stay open all along, on another team: the alerts below are not theirs.
        for (int i = 0; i < 3; i++) {
            open("search", new Browser());
        }

        assertThat(retainedBy(bus))
                .whileRepeating(5_000, this::openShowAndEnd)
                .growsByAtMost(8 * 1024);
    }

    @LeakTest
    @DisplayName("keeps nothing for a dashboard once it has ended, not even until the next garbage collection")
    void keepsNothingForAnEndedDashboard() {
        for (int i = 0; i < 3; i++) {
            open("search", new Browser());
        }
        // Whatever the bus makes on its first alert (a view of a map, say) is made before the measure.
        bus.publish(new Alert("payments", "first alert of the day"));

        // Each reading comes right after a dashboard has ended, with no other call on the bus since.
        assertThat(retainedBy(bus))
                .whileRepeating(20, this::openShowAndEnd)
                .growsByAtMost(0);
    }

    /**
     * Opens a payments dashboard, shows it an alert, and ends it: closed by the server when {@code i}
     * is even, abandoned by its browser (and ended by the next alert) when it is odd.
     */
    private void openShowAndEnd(int i) {
        Browser browser = new Browser();
        DashboardSession session = new DashboardSession(bus, "payments", browser);
        bus.publish(new Alert("payments", "alert " + i));
        if (i % 2 == 0) {
            session.close();
        } else {
            browser.goAway();
            bus.publish(new Alert("payments", "alert " + i + ", again"));
        }
    }

    private DashboardSession open(String team, Browser browser) {
        DashboardSession session = new DashboardSession(bus, team, browser);
        openSessions.add(session);
        return session;
    }

    /** A browser page at the other end of a websocket: records what it was sent, until it goes away. */
    private static final class Browser implements Connection {

        final List<String> frames = new CopyOnWriteArrayList<>();
        volatile int sendAttempts;
        volatile boolean closed;
        private volatile boolean gone;

        /** The laptop lid is shut: every send from now on fails. */
        void goAway() {
            gone = true;
        }

        @Override
        public void send(String text) throws IOException {
            sendAttempts++;
            if (gone) {
                throw new IOException("Broken pipe");
            }
            frames.add(text);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
