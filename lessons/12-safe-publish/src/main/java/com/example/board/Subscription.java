package com.example.board;

/** What {@link BoardEventBus#subscribe} returns: the way to stop listening. */
public interface Subscription {

    /**
     * Stops delivery to the listener at once, the event being delivered included, if it has not
     * reached the listener yet. Cancelling again does nothing. A listener may cancel its own
     * subscription, or another one, while it handles an event.
     */
    void cancel();
}
