package com.example.meetings;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The media sessions open on this server, found by seat: who is in which room.
 *
 * <p>One instance lives as long as the server. The relay asks it for the sessions it forwards
 * packets to; the meeting controls open a session when a participant joins, move it when the host
 * sends someone to a breakout room or back, and close it when they leave.
 */
public class SessionRegistry {

    private final ConcurrentMap<Seat, MediaSession> sessions = new ConcurrentHashMap<>();

    /** Opens the session of a participant who joins {@code room}. */
    public MediaSession open(String participant, String room) {
        MediaSession session = new MediaSession(new Seat(participant, room));
        if (sessions.putIfAbsent(session.seat(), session) != null) {
            throw new IllegalStateException(session.seat() + " already has a session");
        }
        return session;
    }

    /** The session of {@code participant} if they are in {@code room}. */
    public Optional<MediaSession> find(String participant, String room) {
        return Optional.ofNullable(sessions.get(new Seat(participant, room)));
    }

    /**
     * Sends a participant to another room: the same session, at a new seat. Seats never change,
     * so the entry comes out under the seat it went in with, and goes back in under the new one.
     */
    public void move(MediaSession session, String room) {
        Seat from = session.seat();
        Seat to = from.inRoom(room);
        sessions.remove(from, session);
        session.seatAt(to);
        sessions.put(to, session);
    }

    /** Closes the session of a participant who left the meeting. */
    public void close(MediaSession session) {
        sessions.remove(session.seat(), session);
    }

    /** How many sessions are open; published as the {@code meetings.sessions.open} gauge. */
    public int openSessions() {
        return sessions.size();
    }
}
