package com.example.gateway;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

    /** Completed once, when the gateway starts to drain, with the reason the clients are given. */
    private final CompletableFuture<String> draining = new CompletableFuture<>();
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();

    /** Takes over a client that has just connected. A client that connects while the gateway drains is sent away at once. */
    public ClientSession connect(Connection connection) {
        ClientSession session = new ClientSession(this, connection);
        sessions.add(session);
        draining.thenAccept(session.farewell()); // not session::goAway: the drain's callback holds only what a farewell needs
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
        draining.complete(reason);
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
