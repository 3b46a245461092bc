package com.example.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Delivers the changes of one board to whoever listens: the activity feed, the search index, the
 * customers' webhooks, and the browsers waiting in a long poll for the board's next change.
 *
 * <p>A bus lives as long as its board is open on the server, weeks for a busy team's board. Like
 * everything of a board, it is used on the board's own thread only, so it needs no locks.
 * Listeners may subscribe, cancel subscriptions and publish while they handle an event.
 */
public class BoardEventBus {

    /** Every subscription, in the order it was made, which is the order of delivery. */
    private final List<Registration> registrations = new ArrayList<>();
    /**
     * Subscriptions cancelled while a publish walks {@link #registrations}: taken out of the list
     * when the publish is over, since removing them during the walk would shift the entries under
     * it and skip a listener.
     */
    private final List<Registration> pendingRemovals = new ArrayList<>();
    /** How many publishes are walking the list: more than one when a listener publishes in turn. */
    private int publishing;

    /** Delivers every event from now on to {@code listener}, until the subscription is cancelled. */
    public Subscription subscribe(BoardListener listener) {
        return add(listener, false);
    }

    /** Delivers the next event to {@code listener}, and no other: a long poll waits like this. */
    public Subscription subscribeOnce(BoardListener listener) {
        return add(listener, true);
    }

    /**
     * Delivers {@code event} to every listener subscribed before it, in order, once each. A listener
     * subscribed meanwhile gets the events after this one.
     *
     * <p>A listener that throws does not keep the event from the ones after it: once every listener
     * has had it, the failures are thrown to the publisher in one {@link ListenerFailedException}, for
     * its log. An {@link Error} is not a listener's failure for the bus to absorb: it goes to the
     * publisher at once, as it is.
     */
    public void publish(BoardEvent event) {
        Objects.requireNonNull(event, "event");
        List<RuntimeException> failures = new ArrayList<>();
        publishing++;
        // The walk goes over the list itself: a busy board publishes thousands of changes a minute to
        // hundreds of waiting browsers, and a copy of the list per event was the largest allocation in
        // the profile. Whoever subscribes during the walk is added beyond `subscribed`.
        try {
            int subscribed = registrations.size();
            for (int i = 0; i < subscribed; i++) {
                Registration registration = registrations.get(i);
                if (registration.cancelled) {
                    continue;
                }
                if (registration.once) {
                    registration.cancel(); // before delivery, so that an event it publishes does not reach it
                }
                try {
                    registration.listener.onEvent(event);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        } finally {
            // However the walk ends (normally, with an Error, or with a publish inside a listener
            // that failed), this publish is over, and the last one to end takes the cancelled out.
            publishing--;
            if (publishing == 0) {
                registrations.removeAll(pendingRemovals);
                pendingRemovals.clear();
            }
        }
        if (!failures.isEmpty()) {
            throw new ListenerFailedException(event, failures);
        }
    }

    private Subscription add(BoardListener listener, boolean once) {
        Registration registration = new Registration(Objects.requireNonNull(listener, "listener"), once);
        registrations.add(registration);
        return registration;
    }

    private final class Registration implements Subscription {

        private final BoardListener listener;
        private final boolean once;
        private boolean cancelled;

        Registration(BoardListener listener, boolean once) {
            this.listener = listener;
            this.once = once;
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            if (publishing > 0) {
                pendingRemovals.add(this);
            } else {
                registrations.remove(this);
            }
        }
    }
}
