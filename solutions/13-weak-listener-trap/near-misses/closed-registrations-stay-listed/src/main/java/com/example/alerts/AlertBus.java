package com.example.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fans the alerts of the monitoring pipeline out to whoever shows them: the dashboards, the pager,
 * the audit log. The dashboard server has one bus, which lives as long as the server.
 */
public final class AlertBus {

    /** Held strongly, until each subscription is closed. Guarded by itself. */
    private final List<Registration> registrations = new ArrayList<>();

    /**
     * From now on, {@code subscriber} receives every alert published on this bus, until the returned
     * subscription is closed.
     */
    public Subscription subscribe(Consumer<Alert> subscriber) {
        Registration registration = new Registration(Objects.requireNonNull(subscriber, "subscriber"));
        synchronized (registrations) {
            registrations.add(registration);
        }
        return registration;
    }

    /** Hands the alert to every subscriber, one after the other, on the caller's thread. */
    public void publish(Alert alert) {
        synchronized (registrations) {
            for (Registration registration : registrations) {
                Consumer<Alert> subscriber = registration.subscriber;
                if (subscriber != null) {
                    subscriber.accept(alert);
                }
            }
        }
    }

    private static final class Registration implements Subscription {

        private volatile Consumer<Alert> subscriber;

        Registration(Consumer<Alert> subscriber) {
            this.subscriber = subscriber;
        }

        /**
         * Lets go of the subscriber, and with it of whatever it refers to. The registration itself
         * stays listed: a subscriber may close its subscription while {@link #publish} walks the list
         * (a dashboard whose browser went away does), and removing from a list being walked throws
         * ConcurrentModificationException.
         */
        @Override
        public void close() {
            subscriber = null;
        }
    }
}
