package com.example.meetings;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.entries;
import static dev.leakproof.LeakAssertions.liveInstances;
import static dev.leakproof.LeakAssertions.retainedBy;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import java.util.stream.IntStream;
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
    @DisplayName("holds one session per participant while the host shuffles the same people from room to room")
    void holdsOneSessionPerParticipantWhileTheyAreShuffled() {
        int[] who = new int[MEETING_SIZE];          // the participant at each place of the meeting
        String[] where = new String[MEETING_SIZE];  // and the room they are in now
        for (int place = 0; place < MEETING_SIZE; place++) {
            who[place] = place;
            where[place] = "main";
            registry.open(participant(place), "main");
        }

        assertThat(entries(registry::openSessions))
                .whileRepeating(10_000, i -> {
                    int shuffle = i / MEETING_SIZE;
                    int place = i % MEETING_SIZE;
                    if (place == 0) { // before each shuffle, one participant leaves and a newcomer takes their place
                        int leaving = shuffle % MEETING_SIZE;
                        registry.close(registry.find(participant(who[leaving]), where[leaving]).orElseThrow());
                        who[leaving] = MEETING_SIZE + shuffle;
                        where[leaving] = "main";
                        registry.open(participant(who[leaving]), "main");
                    }
                    MediaSession moved = registry.find(participant(who[place]), where[place]).orElseThrow();
                    where[place] = shuffledRoomOf(i);
                    registry.move(moved, where[place]);
                })
                .growsByAtMost(0);
    }

    @LeakTest
    @DisplayName("holds nothing for breakout rooms nobody is in any more, while the host opens new ones all day")
    void holdsNothingForRoomsNobodyIsIn() {
        for (int place = 0; place < MEETING_SIZE; place++) {
            registry.open(participant(place), "main");
        }
        sendToBreakoutRooms(0); // the first breakout: from here on, the registry holds what it always will

        assertThat(retainedBy(registry))
                .whileRepeating(200, round -> sendToBreakoutRooms(round + 1))
                .growsByAtMost(16 * 1024);
    }

    @LeakTest
    @DisplayName("keeps no session of a participant who left alive, whether they were moved, moved back or refused a second seat")
    void keepsNoSessionOfAParticipantWhoLeftAlive() {
        assertThat(liveInstances(MediaSession.class))
                .whileRepeating(10_000, i -> {
                    MediaSession joined = registry.open(participant(i), "main");
                    refuseASecondSession(participant(i), "main");
                    registry.move(joined, breakoutRoomOf(i));
                    registry.move(joined, "main");
                    registry.move(joined, breakoutRoomOf(i + 1));
                    if (i >= MEETING_SIZE) {
                        int left = i - MEETING_SIZE;
                        registry.close(registry.find(participant(left), breakoutRoomOf(left + 1)).orElseThrow());
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

    /** Opens a second session at a taken seat (a double click on "join"), which must be refused. */
    private void refuseASecondSession(String participant, String room) {
        try {
            registry.open(participant, room);
        } catch (IllegalStateException refused) {
            return;
        }
        throw new AssertionError("a second session for " + participant + " in " + room + " was not refused");
    }

    /**
     * Sends everyone in the meeting from the rooms of breakout {@code round - 1} (the main room
     * before the first) to the rooms of breakout {@code round}: new rooms, four people each.
     */
    private void sendToBreakoutRooms(int round) {
        for (int place = 0; place < MEETING_SIZE; place++) {
            MediaSession moved = registry.find(participant(place), breakoutRoomOf(place, round - 1)).orElseThrow();
            registry.move(moved, breakoutRoomOf(place, round));
        }
    }

    /** The room of the participant at {@code place} during breakout {@code round}: the main room before the first. */
    private static String breakoutRoomOf(int place, int round) {
        return round < 0 ? "main" : "breakout-" + round + "/room-" + place / 4;
    }

    private static String participant(int i) {
        return "participant-" + i;
    }

    /** Where the host sends participant {@code i} after they join: one of eight breakout rooms. */
    private static String breakoutRoomOf(int i) {
        return "breakout-" + i % 8;
    }

    /**
     * Where the host sends the {@code i}th participant moved in a meeting that is shuffled again and
     * again: every shuffle (one per {@value #MEETING_SIZE} moves) opens eight breakout rooms of its own.
     */
    private static String shuffledRoomOf(int i) {
        return "shuffle-" + i / MEETING_SIZE + "/breakout-" + i % 8;
    }
}
