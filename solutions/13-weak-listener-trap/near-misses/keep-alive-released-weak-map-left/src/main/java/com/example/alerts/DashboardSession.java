package com.example.alerts;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * One open dashboard page: shows its team's alerts the moment they are published.
 *
 * <p>The server opens a session when a browser opens the page and calls {@link #close()} when the
 * page is closed. A browser that vanishes without closing the page (a laptop lid shut, a network
 * gone) never says goodbye: the session finds out when a send fails, and ends itself.
 */
public final class DashboardSession {

    private final AlertBus bus;
    private final String team;
    private final Connection connection;
    /** The very object subscribed, so that it can be unsubscribed. */
    private final Consumer<Alert> subscriber = this::show;
    private volatile boolean open = true;

    public DashboardSession(AlertBus bus, String team, Connection connection) {
        this.bus = bus;
        this.team = team;
        this.connection = connection;
        bus.subscribe(subscriber);
    }

    private void show(Alert alert) {
        if (!open || !alert.team().equals(team)) {
            return;
        }
        try {
            connection.send(alert.team() + ": " + alert.summary());
        } catch (IOException browserGone) {
            end(); // nobody to send to any more; the server will not call close() for it
        }
    }

    /** Whether the page is still shown: not closed, and its browser still there. */
    public boolean isOpen() {
        return open;
    }

    /** The page was closed: show nothing more, and close the websocket. */
    public void close() {
        end();
        connection.close();
    }

    private void end() {
        open = false;
        bus.unsubscribe(subscriber);
    }
}
