package com.example.alerts;

import java.lang.ref.SoftReference;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fans the alerts of the monitoring pipeline out to whoever shows them: the dashboards, the pager,
 * the audit log. The dashboard server has one bus, which lives as long as the server.
 */
public final class AlertBus {

    /**
     * Held softly: unlike a weak reference, a soft one survives garbage collections, so a lambda or a
     * method reference that nothing else refers to stays subscribed; and unlike a strong one, it lets
     * the collector reclaim subscribers nobody uses any more when it needs the memory. The bus never
     * keeps a dashboard page for good, and needs no keep-alive set.
     */
    private final List<SoftReference<Consumer<Alert>>> subscribers = new CopyOnWriteArrayList<>();

    /** From now on, {@code subscriber} receives every alert published on this bus. */
    public void subscribe(Consumer<Alert> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscribers.add(new SoftReference<>(subscriber));
    }

    /** Hands the alert to every subscriber, one after the other, on the caller's thread. */
    public void publish(Alert alert) {
        for (SoftReference<Consumer<Alert>> reference : subscribers) {
            Consumer<Alert> subscriber = reference.get();
            if (subscriber == null) {
                subscribers.remove(reference); // reclaimed by the collector
            } else {
                subscriber.accept(alert);
            }
        }
    }
}
