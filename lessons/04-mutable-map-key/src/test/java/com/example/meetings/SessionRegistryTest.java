package com.example.meetings;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.entries;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The media session registry")
class SessionRegistryTest {

    /** How many participants are in the meeting at any time, once it has filled up. */
    private static final int MEETING_SIZE = 100;

    private final SessionRegistry registry = new SessionRegistry();

    @ContractTest
    @DisplayName("finds an open session by participant and room, and nobody where they are not")
    void findsOpenSessions() {
        MediaSession alice = registry.open("alice", "main");
        MediaSession bob = registry.open("bob", "main");

        assertThat(registry.find("alice", "main")).as("the session found for alice in main").containsSame(alice);
        assertThat(registry.find("bob", "main")).as("the session found for bob in main").containsSame(bob);
        assertThat(registry.find("alice", "breakout-1"))
                .as("the session found for alice in breakout-1, where she is not").isEmpty();
        assertThat(registry.find("carol", "main")).as("the session found for carol, who never joined").isEmpty();
    }

    @ContractTest
    @DisplayName("finds a participant who was moved in the new room, and no longer in the old one")
    void findsAMovedParticipantInTheNewRoom() {
        MediaSession alice = registry.open("alice", "main");

        registry.move(alice, "breakout-1");

        assertThat(alice.room()).as("alice's room after the move").isEqualTo("breakout-1");
        assertThat(registry.find("alice", "breakout-1"))
                .as("the session found for alice in breakout-1, where she was moved").containsSame(alice);
        assertThat(registry.find("alice", "main")).as("the session found for alice in main, which she left")
                .isEmpty();

        registry.move(alice, "main");

        assertThat(registry.find("alice", "main"))
                .as("the session found for alice in main, where she was moved back").containsSame(alice);
        assertThat(registry.find("alice", "breakout-1"))
                .as("the session found for alice in breakout-1, which she left").isEmpty();
    }

    @ContractTest
    @DisplayName("finds nobody once a session is closed, also after a move, and keeps the others")
    void forgetsClosedSessions() {
        MediaSession alice = registry.open("alice", "main");
        MediaSession bob = registry.open("bob", "main");
        registry.move(alice, "breakout-2");

        registry.close(alice);

        assertThat(registry.find("alice", "breakout-2"))
                .as("the session found for alice in breakout-2, after she left").isEmpty();
        assertThat(registry.find("alice", "main")).as("the session found for alice in main, after she left")
                .isEmpty();
        assertThat(registry.find("bob", "main")).as("the session found for bob in main, who stayed")
                .containsSame(bob);
    }

    @ContractTest
    @DisplayName("refuses a second session for a participant already in that room")
    void refusesASecondSessionAtTheSameSeat() {
        registry.open("alice", "main");

        assertThatThrownBy(() -> registry.open("alice", "main"))
                .as("a second session for alice in main")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("alice");
    }

    @ContractTest
    @DisplayName("counts open sessions on its gauge, none before the first")
    void gaugeCountsOpenSessions() {
        assertThat(registry.openSessions()).as("the gauge before anyone joined").isZero();

        MediaSession alice = registry.open("alice", "main");
        registry.open("bob", "main");
        registry.open("carol", "breakout-1");
        registry.close(alice);

        assertThat(registry.openSessions()).as("the gauge after three joined and one left").isEqualTo(2);
    }

    @LeakTest
    @DisplayName("holds no more sessions than there are participants, while people join, move and leave")
    void holdsOnlyTheOpenSessions() {
        assertThat(entries(registry::openSessions))
                .whileRepeating(10_000, i -> {
                    registry.move(registry.open(participant(i), "main"), breakoutRoomOf(i));
                    if (i >= MEETING_SIZE) {
                        int left = i - MEETING_SIZE;
                        registry.close(registry.find(participant(left), breakoutRoomOf(left)).orElseThrow());
                    }
                })
                .growsByAtMost(MEETING_SIZE);
    }

    @LeakTest
    @DisplayName("lets the session of a participant who was moved and then left be garbage collected")
    void releasesTheSessionOfAMovedParticipant() {
        registry.open("bob", "main");
        var closed = watch(() -> {
            MediaSession alice = registry.open("alice", "main");
            registry.move(alice, "breakout-1");
            registry.close(alice);
            return alice;
        });

        assertThat(closed).isCollectable();
    }

    private static String participant(int i) {
        return "participant-" + i;
    }

    /** Where the host sends participant {@code i} after they join: one of eight breakout rooms. */
    private static String breakoutRoomOf(int i) {
        return "breakout-" + i % 8;
    }
}
