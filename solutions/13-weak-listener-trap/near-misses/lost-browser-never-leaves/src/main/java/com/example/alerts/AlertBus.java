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

    /**
     * Held strongly: a subscriber receives alerts until its subscription is closed, whoever else refers
     * to it. Whoever subscribes owns the subscription and closes it when it is done.
     */
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    /**
     * From now on, {@code subscriber} receives every alert published on this bus, until the returned
     * subscription is closed.
     */
    public Subscription subscribe(Consumer<Alert> subscriber) {
        Registration registration = new Registration(Objects.requireNonNull(subscriber, "subscriber"));
        registrations.add(registration);
        return registration;
    }

    /** Hands the alert to every subscriber, one after the other, on the caller's thread. */
    public void publish(Alert alert) {
        for (Registration registration : registrations) {
            registration.subscriber.accept(alert);
        }
    }

    private final class Registration implements Subscription {

        private final Consumer<Alert> subscriber;

        Registration(Consumer<Alert> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void close() {
            registrations.remove(this);
        }
    }
}
