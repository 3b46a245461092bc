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

    private final int dashboardSize;
    private final List<LoginEvent> events = new ArrayList<>();

    /** @param dashboardSize how many sign-ins the panel shows */
    public RecentLogins(int dashboardSize) {
        if (dashboardSize < 1) {
            throw new IllegalArgumentException("dashboardSize must be positive");
        }
        this.dashboardSize = dashboardSize;
    }

    public synchronized void record(LoginEvent event) {
        events.add(event);
        int droppedOffThePanel = events.size() - 1 - dashboardSize;
        if (droppedOffThePanel >= 0) {
            // release the event the panel no longer shows; set() is O(1), remove(0) would shift the list
            events.set(droppedOffThePanel, null);
        }
    }

    /** The latest sign-ins, newest first, at most {@code dashboardSize} of them. */
    public synchronized List<LoginEvent> latest() {
        List<LoginEvent> latest = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0 && latest.size() < dashboardSize; i--) {
            latest.add(events.get(i));
        }
        return latest;
    }
}
