package com.example.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the "recent sign-ins" panel of the admin dashboard.
 *
 * <p>One instance lives as long as the application; every successful sign-in is recorded here,
 * and the dashboard shows the latest ones, newest first.
 */
public class RecentLogins {

    /** A ring of exactly {@code dashboardSize} slots: each new event overwrites the oldest. */
    private final LoginEvent[] ring;
    /** The slot the next event goes into. */
    private int next;
    /** How many slots hold an event: grows to the ring's length, then stays there. */
    private int count;

    /** @param dashboardSize how many sign-ins the panel shows */
    public RecentLogins(int dashboardSize) {
        if (dashboardSize < 1) {
            throw new IllegalArgumentException("dashboardSize must be positive");
        }
        this.ring = new LoginEvent[dashboardSize];
    }

    public synchronized void record(LoginEvent event) {
        ring[next] = event;
        next = (next + 1) % ring.length;
        if (count < ring.length) {
            count++;
        }
    }

    /** The latest sign-ins, newest first, at most {@code dashboardSize} of them. */
    public synchronized List<LoginEvent> latest() {
        List<LoginEvent> latest = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            latest.add(ring[(next - i + ring.length) % ring.length]);
        }
        return latest;
    }
}
