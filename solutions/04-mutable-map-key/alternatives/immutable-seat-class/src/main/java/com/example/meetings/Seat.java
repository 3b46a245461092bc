package com.example.meetings;

import java.util.Objects;

/**
 * Where a participant is in a meeting: their name and the room they are in, the main room or one
 * of its breakout rooms. Two seats are equal when they name the same participant in the same room.
 *
 * <p>Immutable: a seat is a map key, and a key must keep the hash code it was filed under. Moving
 * a participant makes a new seat ({@link #inRoom}).
 */
public final class Seat {

    private final String participant;
    private final String room;

    public Seat(String participant, String room) {
        this.participant = Objects.requireNonNull(participant, "participant");
        this.room = Objects.requireNonNull(room, "room");
    }

    public String getParticipant() {
        return participant;
    }

    public String getRoom() {
        return room;
    }

    /** The same participant in another room of the same meeting. */
    public Seat inRoom(String room) {
        return new Seat(participant, room);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Seat)) {
            return false;
        }
        Seat seat = (Seat) other;
        return participant.equals(seat.participant) && room.equals(seat.room);
    }

    @Override
    public int hashCode() {
        return Objects.hash(participant, room);
    }

    @Override
    public String toString() {
        return participant + " in " + room;
    }
}
