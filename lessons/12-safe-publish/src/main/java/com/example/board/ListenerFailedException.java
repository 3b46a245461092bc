package com.example.board;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Thrown by {@link BoardEventBus#publish} once every listener has had the event, when one or more
 * of them threw: the first failure is the cause, the others are suppressed. The publisher logs it.
 */
public class ListenerFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient BoardEvent event;

    public ListenerFailedException(BoardEvent event, List<RuntimeException> failures) {
        super(failures.size() + (failures.size() == 1 ? " listener" : " listeners") + " failed on " + event,
                failures.get(0));
        this.event = event;
        failures.subList(1, failures.size()).forEach(this::addSuppressed);
    }

    /** The event the listeners failed on. */
    public BoardEvent event() {
        return event;
    }

    /** What each failing listener threw, in the order of delivery. */
    public List<Throwable> failures() {
        List<Throwable> failures = new ArrayList<>();
        failures.add(getCause());
        failures.addAll(Arrays.asList(getSuppressed()));
        return failures;
    }
}
