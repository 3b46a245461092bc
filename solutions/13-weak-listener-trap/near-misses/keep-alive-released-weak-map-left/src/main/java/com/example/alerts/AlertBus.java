package com.example.alerts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
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
     * Lambdas and method references are referred to by nothing but the bus. Held only weakly, they
     * were collected at the next garbage collection and their alerts were silently lost. This keeps
     * every subscriber reachable, so that none of them is collected while it is subscribed.
     */
    private static final Set<Consumer<Alert>> KEEP_ALIVE = ConcurrentHashMap.newKeySet();

    /** From now on, {@code subscriber} receives every alert published on this bus. */
    public void subscribe(Consumer<Alert> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        KEEP_ALIVE.add(subscriber);
        subscribers.put(subscriber, Boolean.TRUE);
    }

    /**
     * {@code subscriber} is no longer kept alive: the weak map forgets it by itself once nothing else
     * refers to it. Pass the very object that was subscribed.
     */
    public void unsubscribe(Consumer<Alert> subscriber) {
        KEEP_ALIVE.remove(subscriber);
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
