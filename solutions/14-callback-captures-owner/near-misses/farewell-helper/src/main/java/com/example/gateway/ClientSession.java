package com.example.gateway;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One connected client: a browser tab or a phone of the chat app. It ends when the client
 * disconnects ({@link #close}), when a write finds the client gone, or when the gateway drains.
 * Phones reconnect at every change of network, so a session often lasts only minutes.
 */
public class ClientSession implements Closeable {

    private final Gateway gateway;
    private final Connection connection;
    private final AtomicBoolean open = new AtomicBoolean(true);

    ClientSession(Gateway gateway, Connection connection) {
        this.gateway = gateway;
        this.connection = connection;
    }

    /** Sends a frame to the client. A client found gone ends the session; its socket is already closed. */
    void send(String frame) {
        if (!open.get()) {
            return;
        }
        try {
            connection.send(frame);
        } catch (IOException clientGone) {
            if (open.compareAndSet(true, false)) {
                ended();
            }
        }
    }

    /**
     * What the gateway's drain calls for this session: a small object with only the connection and the
     * flag it needs, so that a callback waiting for a drain that may be weeks away does not keep the session.
     */
    Consumer<String> farewell() {
        return new Farewell(connection, open);
    }

    /** Tells the gateway this session has ended. */
    private void ended() {
        gateway.ended(this);
    }

    /** The gateway drains: tells the client why and to reconnect, then closes. A session already ended is told nothing. */
    private class Farewell implements Consumer<String> {

        private final Connection connection;
        private final AtomicBoolean open;

        Farewell(Connection connection, AtomicBoolean open) {
            this.connection = connection;
            this.open = open;
        }

        @Override
        public void accept(String reason) {
            if (!open.compareAndSet(true, false)) {
                return;
            }
            try {
                connection.send("{\"type\":\"going-away\",\"reason\":\"" + reason + "\",\"reconnect\":true}");
            } catch (IOException clientGone) {
                // it is going away anyway
            }
            connection.close();
            ended();
        }
    }

    /** Ends the session: the client disconnected, or the server drops it. Closing it again does nothing. */
    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            connection.close();
            ended();
        }
    }

    public boolean isOpen() {
        return open.get();
    }
}
