package com.example.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Delivers the changes of one board to whoever listens: the activity feed, the search index, the
 * customers' webhooks, and the browsers waiting in a long poll for the board's next change.
 *
 * <p>A bus lives as long as its board is open on the server, weeks for a busy team's board. Like
 * everything of a board, it is used on the board's own thread only, so it needs no locks.
 * Listeners may subscribe, cancel subscriptions and publish while they handle an event.
 */
public class BoardEventBus {

    /**
     * Every subscription still open, in the order it was made, which is the order of delivery. Each
     * change to the list copies it, so that a walk over it is a walk over the list as it was when the
     * walk began: subscribing costs a copy, publishing costs none.
     */
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

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
        // The iterator of a CopyOnWriteArrayList walks the array the list had when it began: whatever
        // the listeners do to the list meanwhile changes neither the walk nor who gets this event.
        for (Registration registration : registrations) {
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
            registrations.remove(this); // at once: a publish under way walks the array it began with
        }
    }
}
