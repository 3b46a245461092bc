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
     * Sends a participant to another room: the same session, at its new seat. The entry filed
     * under the seat the participant leaves is taken out, so that nobody is found in two rooms.
     */
    public void move(MediaSession session, String room) {
        Seat left = new Seat(session.participant(), session.room());
        session.seat().moveTo(room);
        sessions.remove(left);
        sessions.put(session.seat(), session);
    }

    /** Closes the session of a participant who left the meeting. */
    public void close(MediaSession session) {
        sessions.remove(session.seat());
    }

    /** How many sessions are open; published as the {@code meetings.sessions.open} gauge. */
    public int openSessions() {
        return sessions.size();
    }
}
