package com.example.alerts;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fans the alerts of the monitoring pipeline out to whoever shows them: the dashboards, the pager,
 * the audit log. The dashboard server has one bus, which lives as long as the server.
 */
public final class AlertBus {

    /** Held strongly, until each is unsubscribed. */
    private final List<Consumer<Alert>> subscribers = new CopyOnWriteArrayList<>();

    /** From now on, {@code subscriber} receives every alert published on this bus, until it is unsubscribed. */
    public void subscribe(Consumer<Alert> subscriber) {
        subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
    }

    /**
     * {@code subscriber} receives no more alerts. Pass the very object that was subscribed: a lambda
     * or a method reference written out again is another object, and removes nothing.
     */
    public void unsubscribe(Consumer<Alert> subscriber) {
        subscribers.remove(subscriber);
    }

    /** Hands the alert to every subscriber, one after the other, on the caller's thread. */
    public void publish(Alert alert) {
        for (Consumer<Alert> subscriber : subscribers) {
            subscriber.accept(alert);
        }
    }
}
