package com.example.gateway;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The realtime gateway of the chat app: every client connected to this server has one open
 * {@link ClientSession} here, through which messages reach it.
 *
 * <p>One gateway lives as long as its server process, from one deploy to the next. Before a deploy
 * stops the process, {@link #drain} tells every connected client to go away and reconnect, so that
 * the clients move to a server of the new version without showing the user an error.
 */
public class Gateway {

    private final Object drainLock = new Object();
    /** The reason the clients are given, once the gateway has started to drain; null until then. Guarded by drainLock. */
    private String drainReason;
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();

    /** Takes over a client that has just connected. A client that connects while the gateway drains is sent away at once. */
    public ClientSession connect(Connection connection) {
        ClientSession session = new ClientSession(this, connection);
        String reason;
        synchronized (drainLock) {
            reason = drainReason;
            if (reason == null) {
                sessions.add(session); // before the drain: the drain will find it in the set
            }
        }
        if (reason != null) {
            session.goAway(reason);
        }
        return session;
    }

    /** Sends an announcement ("Maintenance tonight from 22:00") to every connected client. */
    public void announce(String text) {
        for (ClientSession session : sessions) {
            session.send("{\"type\":\"announcement\",\"text\":\"" + text + "\"}");
        }
    }

    /**
     * Tells every connected client to go away and reconnect elsewhere: the deploy calls it before it
     * stops the process. Calling it again does nothing.
     */
    public void drain(String reason) {
        List<ClientSession> connected;
        synchronized (drainLock) {
            if (drainReason != null) {
                return;
            }
            drainReason = reason;
            connected = List.copyOf(sessions);
        }
        connected.forEach(session -> session.goAway(reason));
    }

    /** The clients connected right now: the {@code gateway.sessions} gauge. */
    public int openSessions() {
        return sessions.size();
    }

    /** Called by a session once it has ended, whichever way. */
    void ended(ClientSession session) {
        sessions.remove(session);
    }
}
