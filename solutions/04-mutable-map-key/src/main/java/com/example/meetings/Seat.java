package com.example.meetings;

import java.util.Objects;

/**
 * Where a participant is in a meeting: their name and the room they are in, the main room or one
 * of its breakout rooms. Two seats are equal when they name the same participant in the same room.
 *
 * <p>A record, so a seat never changes: a move makes a new seat, and a seat used as a map key
 * keeps the hash code it was filed under.
 */
public record Seat(String participant, String room) {

    public Seat {
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(room, "room");
    }

    /** The same participant in another room of the same meeting. */
    public Seat movedTo(String room) {
        return new Seat(participant, room);
    }

    @Override
    public String toString() {
        return participant + " in " + room;
    }
}
