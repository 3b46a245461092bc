package com.example.meetings;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The media sessions open on this server, found by seat: who is in which room.
 *
 * <p>One instance lives as long as the server. The relay asks it for the sessions it forwards
 * packets to; the meeting controls open a session when a participant joins, move it when the host
 * sends someone to a breakout room or back, and close it when they leave.
 *
 * <p>A moved session can be filed more than once: under the bucket of every room its seat has
 * named. Closing a session therefore sweeps the whole map for it. The map is a synchronized
 * {@link HashMap}, whose iterator removes the very entry it is on (a {@code ConcurrentHashMap}
 * looks the key up again, and misses an entry whose key has changed).
 */
public class SessionRegistry {

    private final Map<Seat, MediaSession> sessions = Collections.synchronizedMap(new HashMap<>());

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

    /** Sends a participant to another room: the same session, at its new seat. */
    public void move(MediaSession session, String room) {
        session.seat().moveTo(room);
        sessions.put(session.seat(), session);
    }

    /** Closes the session of a participant who left the meeting, every entry that holds it. */
    public void close(MediaSession session) {
        sessions.values().removeIf(open -> open == session);
    }

    /** How many sessions are open; published as the {@code meetings.sessions.open} gauge. */
    public int openSessions() {
        return sessions.size();
    }
}
