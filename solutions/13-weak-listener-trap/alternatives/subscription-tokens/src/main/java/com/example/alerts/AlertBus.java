package com.example.alerts;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Fans the alerts of the monitoring pipeline out to whoever shows them: the dashboards, the pager,
 * the audit log. The dashboard server has one bus, which lives as long as the server.
 */
public final class AlertBus {

    private final AtomicLong lastToken = new AtomicLong();

    /** Every open subscription, by its token, held strongly until it is closed. */
    private final Map<Long, Consumer<Alert>> subscribers = new ConcurrentHashMap<>();

    /**
     * From now on, {@code subscriber} receives every alert published on this bus, until the returned
     * subscription is closed.
     */
    public Subscription subscribe(Consumer<Alert> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Long token = lastToken.incrementAndGet();
        subscribers.put(token, subscriber);
        return () -> subscribers.remove(token);
    }

    /** Hands the alert to every subscriber, one after the other, on the caller's thread. */
    public void publish(Alert alert) {
        for (Consumer<Alert> subscriber : subscribers.values()) {
            subscriber.accept(alert);
        }
    }
}
