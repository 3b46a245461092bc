package com.example.gateway;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.retainedBy;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The realtime gateway")
class GatewayTest {

    private static final String DEPLOY = "deploy of version 2024.11.3";

    private final Gateway gateway = new Gateway();

    /** Threads that connect clients beside the test's own, in the one test that needs them. */
    private ExecutorService clientThreads;

    @AfterEach
    void stopClientThreads() throws InterruptedException {
        if (clientThreads != null) {
            clientThreads.shutdownNow();
            assertThat(clientThreads.awaitTermination(10, TimeUnit.SECONDS))
                    .as("whether the threads that connected clients ended").isTrue();
        }
    }

    @ContractTest
    @DisplayName("tells every connected client once to go away and reconnect when it drains, and closes its session")
    void tellsEveryClientToGoAway() {
        Client alice = new Client();
        Client bob = new Client();
        Client carol = new Client();
        ClientSession aliceSession = gateway.connect(alice);
        gateway.connect(bob);
        gateway.connect(carol);

        gateway.drain(DEPLOY);

        for (Client client : List.of(alice, bob, carol)) {
            assertThat(client.frames()).as("the frames a connected client received").containsExactly(goingAway(DEPLOY));
            assertThat(client.closes()).as("how often the gateway closed a connected client's socket").isEqualTo(1);
        }
        assertThat(aliceSession.isOpen()).as("whether a session is open after the drain").isFalse();
        assertThat(gateway.openSessions()).as("the gauge after the drain").isZero();
    }

    @ContractTest
    @DisplayName("tells a client that disconnected before the drain nothing, and the others once")
    void tellsAClosedSessionNothing() {
        Client leaving = new Client();
        Client staying = new Client();
        ClientSession session = gateway.connect(leaving);
        gateway.connect(staying);
        gateway.announce("Maintenance tonight from 22:00");

        session.close();
        gateway.drain(DEPLOY);

        assertThat(leaving.frames()).as("the frames of the client that disconnected before the drain")
                .containsExactly(announcement("Maintenance tonight from 22:00"));
        assertThat(leaving.closes()).as("how often its socket was closed").isEqualTo(1);
        assertThat(staying.frames()).as("the frames of the client still connected")
                .containsExactly(announcement("Maintenance tonight from 22:00"), goingAway(DEPLOY));
    }

    @ContractTest
    @DisplayName("sends a client that connects while it drains away at once")
    void sendsALateClientAwayAtOnce() {
        gateway.drain(DEPLOY);
        Client late = new Client();

        ClientSession session = gateway.connect(late);

        assertThat(late.frames()).as("the frames of a client that connected after the drain began")
                .containsExactly(goingAway(DEPLOY));
        assertThat(late.closes()).as("how often its socket was closed").isEqualTo(1);
        assertThat(session.isOpen()).as("whether its session is open").isFalse();
        assertThat(gateway.openSessions()).as("the gauge after it was sent away").isZero();
    }

    @ContractTest
    @DisplayName("drains once: a second drain tells nobody anything")
    void drainsOnce() {
        Client early = new Client();
        gateway.connect(early);
        gateway.drain(DEPLOY);
        Client late = new Client();
        gateway.connect(late);

        gateway.drain("a second deploy");

        assertThat(early.frames()).as("the frames of a client connected before two drains")
                .containsExactly(goingAway(DEPLOY));
        assertThat(late.frames()).as("the frames of a client connected between two drains")
                .containsExactly(goingAway(DEPLOY));
    }

    @ContractTest
    @DisplayName("sends announcements to the connected clients, and not to those that disconnected")
    void announcesToConnectedClients() {
        Client alice = new Client();
        Client bob = new Client();
        Client carol = new Client();
        gateway.connect(alice);
        ClientSession bobSession = gateway.connect(bob);
        gateway.connect(carol);

        gateway.announce("Welcome to the new chat");
        bobSession.close();
        gateway.announce("Maintenance tonight from 22:00");

        assertThat(alice.frames()).as("the frames of a client connected all along")
                .containsExactly(announcement("Welcome to the new chat"), announcement("Maintenance tonight from 22:00"));
        assertThat(bob.frames()).as("the frames of a client that disconnected after the first announcement")
                .containsExactly(announcement("Welcome to the new chat"));
        assertThat(carol.frames()).as("the frames of another client connected all along")
                .containsExactly(announcement("Welcome to the new chat"), announcement("Maintenance tonight from 22:00"));
    }

    @ContractTest
    @DisplayName("ends the session of a client found gone, writes to it no more, and goes on with the others")
    void endsTheSessionOfAClientFoundGone() {
        Client gone = new Client();
        Client staying = new Client();
        ClientSession goneSession = gateway.connect(gone);
        gateway.connect(staying);

        gone.loseNetwork();
        assertThatCode(() -> gateway.announce("Welcome to the new chat"))
                .as("an announcement while one client's network is gone").doesNotThrowAnyException();
        gateway.announce("Maintenance tonight from 22:00");
        gateway.drain(DEPLOY);

        assertThat(gone.writesTried()).as("the writes tried after the client's network was gone, the failed one included")
                .isEqualTo(1);
        assertThat(goneSession.isOpen()).as("whether the session of the client found gone is open").isFalse();
        assertThat(staying.frames()).as("the frames of the client still connected").containsExactly(
                announcement("Welcome to the new chat"), announcement("Maintenance tonight from 22:00"), goingAway(DEPLOY));
    }

    @ContractTest
    @DisplayName("does nothing more when a session is closed again")
    void closesOnce() {
        Client client = new Client();
        ClientSession session = gateway.connect(client);
        session.close();

        assertThatCode(session::close).as("closing a session a second time").doesNotThrowAnyException();
        gateway.drain(DEPLOY);

        assertThat(client.closes()).as("how often the socket of a session closed twice was closed").isEqualTo(1);
        assertThat(client.frames()).as("the frames of a session closed twice, after the drain").isEmpty();
    }

    @ContractTest
    @DisplayName("counts on its gauge the clients connected right now")
    void countsConnectedClients() {
        assertThat(gateway.openSessions()).as("the gauge before any client connected").isZero();
        Client gone = new Client();
        gateway.connect(new Client());
        ClientSession leaving = gateway.connect(new Client());
        gateway.connect(gone);
        gateway.connect(new Client());

        leaving.close();
        gone.loseNetwork();
        gateway.announce("Welcome to the new chat");

        assertThat(gateway.openSessions()).as("the gauge with four clients connected, one disconnected and one found gone")
                .isEqualTo(2);
    }

    @ContractTest
    @DisplayName("keeps a session open through garbage collections though nothing but the gateway holds it")
    void keepsAnOpenSessionThroughCollections() {
        Client client = new Client();
        var open = watch(() -> gateway.connect(client));

        assertThat(open).staysReachable();
        gateway.drain(DEPLOY);

        assertThat(client.frames()).as("the frames of a client whose session only the gateway held, after two full collections")
                .containsExactly(goingAway(DEPLOY));
    }

    @ContractTest
    @DisplayName("tells each client once, also those that connect on other threads while it drains")
    void tellsEachClientOnceWhileClientsConnect() throws Exception {
        clientThreads = Executors.newFixedThreadPool(2);
        List<Client> clients = new CopyOnWriteArrayList<>();
        CountDownLatch halfConnected = new CountDownLatch(500);
        List<CompletableFuture<Void>> connecting = new ArrayList<>();
        for (int thread = 0; thread < 2; thread++) {
            connecting.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 500; i++) {
                    Client client = new Client();
                    clients.add(client);
                    gateway.connect(client);
                    halfConnected.countDown();
                }
            }, clientThreads));
        }

        assertThat(halfConnected.await(10, TimeUnit.SECONDS)).as("whether half the clients connected in time").isTrue();
        gateway.drain(DEPLOY);
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(clients).as("the clients that connected").hasSize(1_000);
        for (Client client : clients) {
            assertThat(client.frames()).as("the frames of each client, connected before or during the drain")
                    .containsExactly(goingAway(DEPLOY));
            assertThat(client.closes()).as("how often each client's socket was closed").isEqualTo(1);
        }
        assertThat(gateway.openSessions()).as("the gauge after the drain").isZero();
    }

    @LeakTest
    @DisplayName("lets a closed session be garbage collected while the gateway runs on")
    void releasesAClosedSession() {
        gateway.connect(Client.discarding());
        var closed = watch(() -> {
            ClientSession session = gateway.connect(new Client());
            gateway.announce("Welcome to the new chat");
            session.close();
            return session;
        });

        assertThat(closed).isCollectable();
    }

    @LeakTest
    @DisplayName("lets the session of a client found gone be garbage collected while the gateway runs on")
    void releasesTheSessionOfAClientFoundGone() {
        gateway.connect(Client.discarding());
        var ended = watch(() -> {
            Client client = new Client();
            ClientSession session = gateway.connect(client);
            client.loseNetwork();
            gateway.announce("Welcome to the new chat"); // the write fails: this is how the gateway learns the client is gone
            return session;
        });

        assertThat(ended).isCollectable();
    }

    @LeakTest
    @DisplayName("holds no more memory after 10,000 clients came and went, some of them found gone, while it runs on")
    void holdsNoMoreAfterManyClients() {
        // A client connected all along. The first reading is taken before any client has come and gone: the
        // gateway holds nothing of an ended client then, not even a weak reference about to be cleared.
        gateway.connect(Client.discarding());

        assertThat(retainedBy(gateway))
                .whileRepeating(10_000, this::aClientComesAndGoes)
                .growsByAtMost(16 * 1024);
    }

    /**
     * One client of a working day: it connects, receives an announcement, and goes. One in ten loses
     * its network first (a phone in a lift), so the gateway learns of it from a failed write.
     */
    private void aClientComesAndGoes(int i) {
        Client client = new Client();
        ClientSession session = gateway.connect(client);
        if (i % 10 == 9) {
            client.loseNetwork();
        }
        gateway.announce("Typing indicators are back " + i % 100);
        if (session.isOpen()) {
            session.close();
        }
    }

    private static String goingAway(String reason) {
        return "{\"type\":\"going-away\",\"reason\":\"" + reason + "\",\"reconnect\":true}";
    }

    private static String announcement(String text) {
        return "{\"type\":\"announcement\",\"text\":\"" + text + "\"}";
    }

    /** A client at the other end of a connection, as its socket sees it. */
    private static final class Client implements Connection {

        private final List<String> frames = new ArrayList<>();
        private final boolean keepsFrames;
        private boolean gone;
        private int writesTried;
        private int closes;

        Client() {
            this(true);
        }

        private Client(boolean keepsFrames) {
            this.keepsFrames = keepsFrames;
        }

        /** A client that reads every frame and keeps none: one that stays connected all along. */
        static Client discarding() {
            return new Client(false);
        }

        /** The phone went into a lift: every write from now on fails, as the transport finds the socket reset. */
        synchronized void loseNetwork() {
            gone = true;
        }

        synchronized List<String> frames() {
            return List.copyOf(frames);
        }

        /** The writes tried since the network was lost (before, every write succeeds). */
        synchronized int writesTried() {
            return writesTried;
        }

        synchronized int closes() {
            return closes;
        }

        @Override
        public synchronized void send(String frame) throws IOException {
            if (gone) {
                writesTried++;
                throw new IOException("Connection reset by peer");
            }
            if (keepsFrames) {
                frames.add(frame);
            }
        }

        @Override
        public synchronized void close() {
            closes++;
        }
    }
}
