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
 *
 * <p>A session's own seat changes when its participant is moved, so it is never used as a key:
 * every session is filed under a copy of its seat, which nothing changes, and {@link #filedUnder}
 * remembers which copy that is.
 */
public class SessionRegistry {

    private final ConcurrentMap<Seat, MediaSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<MediaSession, Seat> filedUnder = new ConcurrentHashMap<>();

    /** Opens the session of a participant who joins {@code room}. */
    public MediaSession open(String participant, String room) {
        MediaSession session = new MediaSession(new Seat(participant, room));
        Seat key = fileUnder(session, room);
        if (sessions.putIfAbsent(key, session) != null) {
            throw new IllegalStateException(session.seat() + " already has a session");
        }
        return session;
    }

    /** The session of {@code participant} if they are in {@code room}. */
    public Optional<MediaSession> find(String participant, String room) {
        return Optional.ofNullable(sessions.get(new Seat(participant, room)));
    }

    /** Sends a participant to another room: the same session, filed again under its new seat. */
    public void move(MediaSession session, String room) {
        Seat filed = filedUnder.get(session);
        if (filed != null) {
            sessions.remove(filed);
        }
        session.seat().moveTo(room);
        sessions.put(fileUnder(session, room), session);
    }

    /** Closes the session of a participant who left the meeting. */
    public void close(MediaSession session) {
        Seat key = filedUnder.remove(session);
        if (key != null) {
            sessions.remove(key);
        }
    }

    /** How many sessions are open; published as the {@code meetings.sessions.open} gauge. */
    public int openSessions() {
        return sessions.size();
    }

    /** The key to file {@code session} under in {@code room}: a copy of its seat, remembered. */
    private Seat fileUnder(MediaSession session, String room) {
        Seat key = new Seat(session.participant(), room);
        filedUnder.put(session, key);
        return key;
    }
}
