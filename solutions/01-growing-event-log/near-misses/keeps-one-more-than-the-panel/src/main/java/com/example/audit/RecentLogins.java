package com.example.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Feeds the "recent sign-ins" panel of the admin dashboard.
 *
 * <p>One instance lives as long as the application; every successful sign-in is recorded here,
 * and the dashboard shows the latest ones, newest first.
 */
public class RecentLogins {

    private final int dashboardSize;
    private final Deque<LoginEvent> events = new ArrayDeque<>();

    /** @param dashboardSize how many sign-ins the panel shows */
    public RecentLogins(int dashboardSize) {
        if (dashboardSize < 1) {
            throw new IllegalArgumentException("dashboardSize must be positive");
        }
        this.dashboardSize = dashboardSize;
    }

    public synchronized void record(LoginEvent event) {
        events.addLast(event);
        if (events.size() > dashboardSize + 1) {
            events.removeFirst();
        }
    }

    /** The latest sign-ins, newest first, at most {@code dashboardSize} of them. */
    public synchronized List<LoginEvent> latest() {
        List<LoginEvent> latest = new ArrayList<>(dashboardSize);
        for (Iterator<LoginEvent> newestFirst = events.descendingIterator();
                newestFirst.hasNext() && latest.size() < dashboardSize; ) {
            latest.add(newestFirst.next());
        }
        return latest;
    }
}
