package com.example.audit;

import java.time.Instant;
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
    /** One tab-separated line per sign-in: user, remote address, time. */
    private final List<String> lines = new ArrayList<>();

    /** @param dashboardSize how many sign-ins the panel shows */
    public RecentLogins(int dashboardSize) {
        if (dashboardSize < 1) {
            throw new IllegalArgumentException("dashboardSize must be positive");
        }
        this.dashboardSize = dashboardSize;
    }

    public synchronized void record(LoginEvent event) {
        lines.add(event.user() + '\t' + event.remoteAddress() + '\t' + event.at());
    }

    /** The latest sign-ins, newest first, at most {@code dashboardSize} of them. */
    public synchronized List<LoginEvent> latest() {
        List<LoginEvent> latest = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && latest.size() < dashboardSize; i--) {
            String[] fields = lines.get(i).split("\t", 3);
            latest.add(new LoginEvent(fields[0], fields[1], Instant.parse(fields[2])));
        }
        return latest;
    }
}
