package com.example.flags;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The application's one scheduler for background work: flag refreshes, usage reports, and whatever
 * else runs on a timer. It is made once at start-up, handed to whoever needs a timer, and shut down
 * when the application stops.
 */
public final class BackgroundScheduler {

    private BackgroundScheduler() {
    }

    /**
     * A scheduler with a single daemon thread, {@code background-scheduler}: the work it runs is
     * short, so one thread is enough, and it runs the tasks in the order they fall due. A task
     * cancelled by its owner leaves the queue at once, and with it everything the task holds.
     */
    public static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "background-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
