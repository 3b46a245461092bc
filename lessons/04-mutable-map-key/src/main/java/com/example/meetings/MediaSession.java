package com.example.meetings;

/**
 * One participant's live audio and video: the stream the server relays to everyone else in the
 * same room. Opened by {@link SessionRegistry#open}, it lives until the participant leaves.
 */
public final class MediaSession {

    private final Seat seat;

    MediaSession(Seat seat) {
        this.seat = seat;
    }

    /** Where the participant is now. */
    public Seat seat() {
        return seat;
    }

    public String participant() {
        return seat.getParticipant();
    }

    public String room() {
        return seat.getRoom();
    }

    @Override
    public String toString() {
        return "MediaSession[" + seat + "]";
    }
}
