package com.example.alerts;

import java.io.IOException;

/** The websocket to one browser page, as the dashboard server's web framework hands it over. */
public interface Connection {

    /** Sends one text frame to the page; fails when the browser is gone. */
    void send(String text) throws IOException;

    /** Closes the websocket. */
    void close();
}
