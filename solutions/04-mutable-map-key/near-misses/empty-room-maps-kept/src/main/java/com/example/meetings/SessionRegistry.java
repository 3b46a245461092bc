package com.example.meetings;

import java.util.Map;
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
 * <p>Sessions are filed by room, then by participant: both keys are strings, which never change,
 * whatever happens to a session's {@link Seat}.
 */
public class SessionRegistry {

    private final ConcurrentMap<String, Map<String, MediaSession>> rooms = new ConcurrentHashMap<>();

    /** Opens the session of a participant who joins {@code room}. */
    public MediaSession open(String participant, String room) {
        MediaSession session = new MediaSession(new Seat(participant, room));
        if (inRoom(room).putIfAbsent(participant, session) != null) {
            throw new IllegalStateException(session.seat() + " already has a session");
        }
        return session;
    }

    /** The session of {@code participant} if they are in {@code room}. */
    public Optional<MediaSession> find(String participant, String room) {
        Map<String, MediaSession> inRoom = rooms.get(room);
        return inRoom == null ? Optional.empty() : Optional.ofNullable(inRoom.get(participant));
    }

    /** Sends a participant to another room: the same session, at its new seat. */
    public void move(MediaSession session, String room) {
        inRoom(session.room()).remove(session.participant(), session);
        session.seat().moveTo(room);
        inRoom(room).put(session.participant(), session);
    }

    /** Closes the session of a participant who left the meeting. */
    public void close(MediaSession session) {
        inRoom(session.room()).remove(session.participant(), session);
    }

    /** How many sessions are open; published as the {@code meetings.sessions.open} gauge. */
    public int openSessions() {
        return rooms.values().stream().mapToInt(Map::size).sum();
    }

    /** The sessions in {@code room}, by participant. */
    private Map<String, MediaSession> inRoom(String room) {
        return rooms.computeIfAbsent(room, name -> new ConcurrentHashMap<>());
    }
}
