package com.example.alerts;

/**
 * A subscriber's place on the bus, handed to whoever subscribed it. Closing it takes the subscriber
 * off the bus; closing it again does nothing.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
