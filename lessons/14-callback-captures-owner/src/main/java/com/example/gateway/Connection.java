package com.example.gateway;

import java.io.IOException;

/** The WebSocket of one client, as the server's transport hands it to the gateway: text frames out, and a close. */
public interface Connection {

    /** Writes one text frame to the client; fails when the client is gone (the transport has closed the socket then). */
    void send(String frame) throws IOException;

    /** Closes the socket with a close frame. */
    void close();
}
