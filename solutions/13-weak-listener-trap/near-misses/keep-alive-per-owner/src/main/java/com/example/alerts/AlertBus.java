package com.example.alerts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * Fans the alerts of the monitoring pipeline out to whoever shows them: the dashboards, the pager,
 * the audit log. The dashboard server has one bus, which lives as long as the server.
 */
public final class AlertBus {

    /**
     * Held weakly, so that a subscriber nobody uses any more drops out of the bus by itself: the bus
     * used to keep every subscriber for good, and every dashboard page ever opened with it.
     */
    private final Map<Consumer<Alert>, Boolean> subscribers = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Lambdas and method references are referred to by nothing but the bus: held only weakly, they
     * were collected at the next garbage collection and their alerts were silently lost. This keeps
     * each subscriber reachable exactly as long as its owner: the owner is a weak key, so once the
     * owner is gone, its entry goes, and its subscribers with it.
     */
    private static final Map<Object, List<Consumer<Alert>>> KEEP_ALIVE =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * From now on, {@code subscriber} receives every alert published on this bus, for as long as
     * {@code owner} is in use.
     */
    public void subscribe(Object owner, Consumer<Alert> subscriber) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(subscriber, "subscriber");
        synchronized (KEEP_ALIVE) {
            KEEP_ALIVE.computeIfAbsent(owner, o -> new ArrayList<>()).add(subscriber);
        }
        subscribers.put(subscriber, Boolean.TRUE);
    }

    /** From now on, {@code subscriber} receives every alert published on this bus: it owns itself. */
    public void subscribe(Consumer<Alert> subscriber) {
        subscribe(subscriber, subscriber);
    }

    /** Hands the alert to every subscriber, one after the other, on the caller's thread. */
    public void publish(Alert alert) {
        List<Consumer<Alert>> current;
        synchronized (subscribers) {
            current = new ArrayList<>(subscribers.keySet());
        }
        for (Consumer<Alert> subscriber : current) {
            subscriber.accept(alert);
        }
    }
}
