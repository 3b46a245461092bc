package com.example.meetings;

/**
 * One participant's live audio and video: the stream the server relays to everyone else in the
 * same room. Opened by {@link SessionRegistry#open}, it lives until the participant leaves.
 */
public final class MediaSession {

    private volatile Seat seat;

    MediaSession(Seat seat) {
        this.seat = seat;
    }

    /** Where the participant is now. */
    public Seat seat() {
        return seat;
    }

    /** Seats the session elsewhere; only the registry does it, with the session out of its map. */
    void seatAt(Seat seat) {
        this.seat = seat;
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
