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
 * whatever happens to a session's {@link Seat}. A room is in the map only while someone is in it:
 * every change to a room is made inside {@code compute}, which drops the room when it empties.
 */
public class SessionRegistry {

    private final ConcurrentMap<String, Map<String, MediaSession>> rooms = new ConcurrentHashMap<>();

    /** Opens the session of a participant who joins {@code room}. */
    public MediaSession open(String participant, String room) {
        MediaSession session = new MediaSession(new Seat(participant, room));
        rooms.compute(room, (name, inRoom) -> {
            Map<String, MediaSession> sessions = inRoom == null ? new ConcurrentHashMap<>() : inRoom;
            if (sessions.putIfAbsent(participant, session) != null) {
                throw new IllegalStateException(session.seat() + " already has a session");
            }
            return sessions;
        });
        return session;
    }

    /** The session of {@code participant} if they are in {@code room}. */
    public Optional<MediaSession> find(String participant, String room) {
        Map<String, MediaSession> inRoom = rooms.get(room);
        return inRoom == null ? Optional.empty() : Optional.ofNullable(inRoom.get(participant));
    }

    /** Sends a participant to another room: the same session, at its new seat. */
    public void move(MediaSession session, String room) {
        String from = session.room();
        String participant = session.participant();
        takeOut(from, participant, session);
        session.seat().moveTo(room);
        rooms.compute(room, (name, inRoom) -> {
            Map<String, MediaSession> sessions = inRoom == null ? new ConcurrentHashMap<>() : inRoom;
            sessions.put(participant, session);
            return sessions;
        });
    }

    /** Closes the session of a participant who left the meeting. */
    public void close(MediaSession session) {
        takeOut(session.room(), session.participant(), session);
    }

    /** How many sessions are open; published as the {@code meetings.sessions.open} gauge. */
    public int openSessions() {
        return rooms.values().stream().mapToInt(Map::size).sum();
    }

    /** Takes {@code session} out of {@code room}, and the room out of the map if it is then empty. */
    private void takeOut(String room, String participant, MediaSession session) {
        rooms.computeIfPresent(room, (name, inRoom) -> {
            inRoom.remove(participant, session);
            return inRoom.isEmpty() ? null : inRoom;
        });
    }
}
