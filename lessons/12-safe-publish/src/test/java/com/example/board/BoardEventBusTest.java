package com.example.board;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.retainedBy;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import dev.leakproof.Watched;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The board's event bus")
class BoardEventBusTest {

    private final BoardEventBus bus = new BoardEventBus();

    /** What the recording listeners of a test received, as "listener:sequence", in the order of delivery. */
    private final List<String> deliveries = new ArrayList<>();

    private long sequence;

    // ---- contract ------------------------------------------------------------------------------

    @ContractTest
    @DisplayName("delivers each event to every listener once, in the order they subscribed")
    void deliversEachEventToEveryListenerInOrder() {
        bus.subscribe(new Recording("feed", deliveries));
        bus.subscribe(new Recording("search", deliveries));
        bus.subscribe(new Recording("webhook", deliveries));

        bus.publish(change("card 1 created"));
        bus.publish(change("card 1 moved to Doing"));

        assertThat(deliveries).as("the deliveries of two events to three listeners")
                .containsExactly("feed:1", "search:1", "webhook:1", "feed:2", "search:2", "webhook:2");
    }

    @ContractTest
    @DisplayName("delivers the next event, and no other, to a one-shot listener")
    void deliversOnlyTheNextEventToAOneShotListener() {
        bus.subscribe(new Recording("feed", deliveries));
        bus.subscribeOnce(new Recording("poll", deliveries));

        bus.publish(change("card 1 created"));
        bus.publish(change("card 1 moved to Doing"));
        bus.publish(change("card 1 moved to Done"));

        assertThat(deliveries).as("the deliveries of three events to a listener and a one-shot listener")
                .containsExactly("feed:1", "poll:1", "feed:2", "feed:3");
    }

    @ContractTest
    @DisplayName("delivers nothing more to a listener once its subscription is cancelled, however often")
    void deliversNothingAfterCancel() {
        Subscription feed = bus.subscribe(new Recording("feed", deliveries));
        bus.subscribe(new Recording("search", deliveries));
        Subscription poll = bus.subscribeOnce(new Recording("poll", deliveries));
        bus.publish(change("card 1 created"));

        feed.cancel();
        feed.cancel();
        poll.cancel();
        bus.subscribeOnce(new Recording("timed-out-poll", deliveries)).cancel();
        bus.publish(change("card 1 moved to Doing"));

        assertThat(deliveries).as("the deliveries before and after the feed, a one-shot that had fired and one "
                        + "that had not were cancelled")
                .containsExactly("feed:1", "search:1", "poll:1", "search:2");
    }

    @ContractTest
    @DisplayName("delivers an event to every other listener when one throws, and reports the failure to the publisher")
    void reportsAFailingListenerAndDeliversToTheOthers() {
        bus.subscribe(new Recording("feed", deliveries));
        BrokenWebhook webhook = new BrokenWebhook();
        bus.subscribe(webhook);
        bus.subscribe(new Recording("search", deliveries));
        bus.subscribeOnce(new Recording("poll", deliveries));

        BoardEvent first = change("card 1 created");
        Throwable reported = catchThrowable(() -> bus.publish(first));

        assertThat(reported).as("what publish throws when the webhook failed")
                .isInstanceOf(ListenerFailedException.class)
                .hasCauseReference(webhook.lastFailure);
        assertThat(((ListenerFailedException) reported).event()).as("the event the failure report names")
                .isSameAs(first);
        assertThat(deliveries).as("the deliveries of the event to the listeners beside the failing webhook")
                .containsExactly("feed:1", "search:1", "poll:1");

        Throwable reportedAgain = catchThrowable(() -> bus.publish(change("card 1 moved to Doing")));

        assertThat(reportedAgain).as("what publish throws when the webhook failed again")
                .isInstanceOf(ListenerFailedException.class)
                .hasCauseReference(webhook.lastFailure);
        assertThat(webhook.calls).as("the events delivered to the failing webhook, which stays subscribed")
                .isEqualTo(2);
        assertThat(deliveries).as("the deliveries of both events to the listeners beside the failing webhook")
                .containsExactly("feed:1", "search:1", "poll:1", "feed:2", "search:2");
    }

    @ContractTest
    @DisplayName("reports every listener that failed on an event, in the order of delivery")
    void reportsEveryFailure() {
        BrokenWebhook first = new BrokenWebhook();
        BrokenWebhook second = new BrokenWebhook();
        bus.subscribe(first);
        bus.subscribe(new Recording("feed", deliveries));
        bus.subscribe(second);

        Throwable reported = catchThrowable(() -> bus.publish(change("card 1 created")));

        assertThat(reported).as("what publish throws when two webhooks failed")
                .isInstanceOf(ListenerFailedException.class)
                .hasCauseReference(first.lastFailure);
        assertThat(((ListenerFailedException) reported).failures()).as("the failures it reports")
                .containsExactly(first.lastFailure, second.lastFailure);
        assertThat(deliveries).as("the deliveries to the listener between the two webhooks").containsExactly("feed:1");
    }

    @ContractTest
    @DisplayName("gives a one-shot listener that throws no second event")
    void dropsAOneShotListenerThatThrew() {
        GonePoll gone = new GonePoll();
        bus.subscribeOnce(gone);
        bus.subscribe(new Recording("feed", deliveries));

        Throwable reported = catchThrowable(() -> bus.publish(change("card 1 created")));
        bus.publish(change("card 1 moved to Doing"));

        assertThat(reported).as("what publish throws when the one-shot listener failed")
                .isInstanceOf(ListenerFailedException.class)
                .hasCauseReference(gone.lastFailure);
        assertThat(gone.calls).as("the events delivered to the failing one-shot listener").isEqualTo(1);
        assertThat(deliveries).as("the deliveries to the listener after it").containsExactly("feed:1", "feed:2");
    }

    @ContractTest
    @DisplayName("lets a listener cancel its own subscription while it handles an event")
    void letsAListenerCancelItselfDuringDelivery() {
        bus.subscribe(new Recording("feed", deliveries));
        StopsAtFirstChange watcher = new StopsAtFirstChange("watcher", deliveries);
        watcher.subscription = bus.subscribe(watcher);
        bus.subscribe(new Recording("search", deliveries));

        bus.publish(change("card 1 archived"));
        bus.publish(change("card 2 created"));

        assertThat(deliveries).as("the deliveries around a listener that cancelled itself on the first event")
                .containsExactly("feed:1", "watcher:1", "search:1", "feed:2", "search:2");
    }

    @ContractTest
    @DisplayName("lets a listener cancel other subscriptions while it handles an event, before or after its own")
    void letsAListenerCancelOthersDuringDelivery() {
        Subscription earlier = bus.subscribe(new Recording("earlier", deliveries));
        Cancels session = new Cancels("session", deliveries);
        bus.subscribe(session);
        Subscription later = bus.subscribeOnce(new Recording("later", deliveries));
        bus.subscribe(new Recording("search", deliveries));
        session.targets = List.of(earlier, later);

        bus.publish(change("user 7 left"));
        bus.publish(change("card 1 created"));

        assertThat(deliveries).as("the deliveries around a listener that cancelled the one before it and the one "
                        + "after it on the first event")
                .containsExactly("earlier:1", "session:1", "search:1", "session:2", "search:2");
    }

    @ContractTest
    @DisplayName("delivers to a listener subscribed while an event is delivered from the next event on")
    void deliversToAListenerSubscribedDuringDeliveryFromTheNextEvent() {
        bus.subscribe(new Recording("feed", deliveries));
        bus.subscribe(new SubscribesOnFirstEvent(bus,
                new Recording("newcomer", deliveries), new Recording("poll", deliveries)));
        bus.subscribe(new Recording("search", deliveries));

        bus.publish(change("user 7 joined"));
        bus.publish(change("card 1 created"));
        bus.publish(change("card 1 moved to Doing"));

        assertThat(deliveries).as("the deliveries around a listener that subscribed a listener and a one-shot "
                        + "listener on the first event")
                .containsExactly("feed:1", "search:1",
                        "feed:2", "search:2", "newcomer:2", "poll:2",
                        "feed:3", "search:3", "newcomer:3");
    }

    @ContractTest
    @DisplayName("delivers an event a listener publishes while it handles another, each once to every listener")
    void deliversAnEventPublishedByAListener() {
        bus.subscribe(new Recording("feed", deliveries));
        bus.subscribe(new Numberer(bus, this::change));
        bus.subscribe(new Recording("search", deliveries));
        bus.subscribeOnce(new Recording("poll", deliveries));

        bus.publish(change("card created"));
        bus.publish(change("card 1 moved to Doing"));

        assertThat(deliveries).as("what the feed received").filteredOn(d -> d.startsWith("feed:"))
                .containsExactlyInAnyOrder("feed:1", "feed:2", "feed:3");
        assertThat(deliveries).as("what the search index received").filteredOn(d -> d.startsWith("search:"))
                .containsExactlyInAnyOrder("search:1", "search:2", "search:3");
        assertThat(deliveries).as("what the one-shot listener received, one of the two first events")
                .filteredOn(d -> d.startsWith("poll:"))
                .hasSize(1)
                .allMatch(d -> d.equals("poll:1") || d.equals("poll:2"));
    }

    @ContractTest
    @DisplayName("lets an Error thrown by a listener reach the publisher as it is, and goes on delivering after it")
    void letsAnErrorThrough() {
        bus.subscribe(new Recording("feed", deliveries));
        bus.subscribeOnce(new Recording("poll", deliveries));
        ThumbnailRenderer thumbnails = new ThumbnailRenderer();
        Subscription rendering = bus.subscribe(thumbnails);
        bus.subscribe(new Recording("search", deliveries));

        Throwable thrown = catchThrowable(() -> bus.publish(change("image attached to card 1")));
        assertThat(thrown).as("what publish throws when a listener threw an Error").isSameAs(thumbnails.lastError);
        Throwable thrownAgain = catchThrowable(() -> bus.publish(change("image attached to card 2")));
        assertThat(thrownAgain).as("what publish throws when that listener threw an Error again")
                .isSameAs(thumbnails.lastError);

        rendering.cancel();
        bus.publish(change("card 1 moved to Doing"));

        assertThat(deliveries).as("what the listener before the Error received")
                .filteredOn(d -> d.startsWith("feed:")).containsExactly("feed:1", "feed:2", "feed:3");
        assertThat(deliveries).as("what the one-shot listener before the Error received")
                .filteredOn(d -> d.startsWith("poll:")).containsExactly("poll:1");
        assertThat(deliveries).as("what the listener after the Error received once the failing one was cancelled")
                .filteredOn(d -> d.startsWith("search:")).endsWith("search:3");
    }

    @ContractTest
    @DisplayName("keeps its listeners alive while they are subscribed, a failing webhook beside them")
    void keepsSubscribedListenersReachable() {
        bus.subscribe(new BrokenWebhook());
        var feed = watch(() -> {
            Recording recording = new Recording("feed", deliveries);
            bus.subscribe(recording);
            return recording;
        });
        var poll = watch(() -> {
            Recording recording = new Recording("poll", deliveries);
            bus.subscribeOnce(recording);
            return recording;
        });
        assertThat(feed).staysReachable();
        assertThat(poll).staysReachable();

        Throwable reported = catchThrowable(() -> bus.publish(change("card 1 created")));
        var nextPoll = watch(() -> {
            Recording recording = new Recording("next-poll", deliveries);
            bus.subscribeOnce(recording);
            return recording;
        });
        assertThat(feed).staysReachable();
        assertThat(nextPoll).staysReachable();
        Throwable reportedAgain = catchThrowable(() -> bus.publish(change("card 1 moved to Doing")));

        assertThat(Arrays.asList(reported, reportedAgain)).as("what the two publishes threw")
                .allMatch(ListenerFailedException.class::isInstance);
        assertThat(deliveries).as("the deliveries to listeners the test kept no reference to")
                .containsExactly("feed:1", "poll:1", "feed:2", "next-poll:2");
    }

    // ---- leaks ---------------------------------------------------------------------------------

    @LeakTest
    @DisplayName("holds no more memory after 2,000 changes answered to long polls, while a webhook fails on every one")
    void holdsNothingMoreWhileAWebhookFailsOnEveryChange() {
        bus.subscribe(new BrokenWebhook());
        IntConsumer oneChange = i -> {
            bus.subscribeOnce(new LongPoll()); // answered by this change
            StopsAtFirstChange watcher = new StopsAtFirstChange();
            watcher.subscription = bus.subscribe(watcher); // cancels itself at this change
            openSessionWithALongPoll(); // at this change, the session cancels itself and the long poll
            publishReportingFailure(change("user " + i + " left"));
        };
        oneChange.accept(0); // the webhook has failed once already: what it keeps of its last failure is there

        assertThat(retainedBy(bus))
                .whileRepeating(2_000, i -> oneChange.accept(i + 1))
                .growsByAtMost(4 * 1024);
    }

    @LeakTest
    @DisplayName("holds no more memory after 2,000 long polls answered or timed out, once a webhook has failed")
    void holdsNothingMoreOnceAWebhookHasFailed() {
        bus.subscribe(new BrokenWebhook("card 0"));
        bus.subscribe(new Recording("feed", null));
        publishReportingFailure(change("card 0 created"));

        assertThat(retainedBy(bus))
                .whileRepeating(2_000, i -> {
                    bus.subscribeOnce(new LongPoll());
                    bus.subscribeOnce(new LongPoll()).cancel(); // timed out before the next change
                    bus.publish(change("card " + (i + 1) + " created"));
                })
                .growsByAtMost(4 * 1024);
    }

    @LeakTest
    @DisplayName("lets a long poll be garbage collected once answered, when a webhook failed on the same change")
    void forgetsAnAnsweredLongPollWhenAWebhookFailed() {
        bus.subscribe(new BrokenWebhook());
        var answered = watch(() -> {
            LongPoll poll = new LongPoll();
            bus.subscribeOnce(poll);
            return poll;
        });

        publishReportingFailure(change("card 1 moved to Done"));

        assertThat(answered).isCollectable();
    }

    @LeakTest
    @DisplayName("lets a one-shot listener that threw be garbage collected")
    void forgetsAOneShotListenerThatThrew() {
        var gone = watch(() -> {
            GonePoll poll = new GonePoll();
            bus.subscribeOnce(poll);
            return poll;
        });

        publishReportingFailure(change("card 1 moved to Done"));

        assertThat(gone).isCollectable();
    }

    @LeakTest
    @DisplayName("lets a listener that cancelled itself be garbage collected, when a webhook failed on the same change")
    void forgetsAListenerThatCancelledItselfWhenAWebhookFailed() {
        bus.subscribe(new BrokenWebhook());
        var stopped = watch(() -> {
            StopsAtFirstChange watcher = new StopsAtFirstChange();
            watcher.subscription = bus.subscribe(watcher);
            return watcher;
        });

        publishReportingFailure(change("card 1 archived"));

        assertThat(stopped).isCollectable();
    }

    @LeakTest
    @DisplayName("lets a listener that cancelled itself and another one be garbage collected, and the other one too, "
            + "when a webhook failed on the same change")
    void forgetsAListenerThatCancelledItselfAndAnotherWhenAWebhookFailed() {
        bus.subscribe(new BrokenWebhook());
        List<Watched<?>> sessionAndLongPoll = openSessionWithALongPoll();

        publishReportingFailure(change("user 7 left"));

        assertThat(sessionAndLongPoll.get(0)).isCollectable();
        assertThat(sessionAndLongPoll.get(1)).isCollectable();
    }

    @LeakTest
    @DisplayName("lets a long poll answered just before a listener threw an Error be garbage collected")
    void forgetsALongPollAnsweredBeforeAnError() {
        var answered = watch(() -> {
            LongPoll poll = new LongPoll();
            bus.subscribeOnce(poll);
            return poll;
        });
        bus.subscribe(new ThumbnailRenderer());

        publishHittingAnError(change("image attached to card 1"));

        assertThat(answered).isCollectable();
    }

    @LeakTest
    @DisplayName("lets listeners cancelled before a listener threw an Error be garbage collected")
    void forgetsListenersCancelledBeforeAnError() {
        var stopped = watch(() -> {
            StopsAtFirstChange watcher = new StopsAtFirstChange();
            watcher.subscription = bus.subscribe(watcher);
            return watcher;
        });
        List<Watched<?>> sessionAndLongPoll = openSessionWithALongPoll();
        bus.subscribe(new ThumbnailRenderer());

        publishHittingAnError(change("user 7 left"));

        assertThat(stopped).isCollectable();
        assertThat(sessionAndLongPoll.get(0)).isCollectable();
        assertThat(sessionAndLongPoll.get(1)).isCollectable();
    }

    @LeakTest
    @DisplayName("lets a long poll answered by an event a listener published be garbage collected, when a webhook "
            + "failed on that event")
    void forgetsALongPollAnsweredByANestedPublishThatFailed() {
        bus.subscribe(new BrokenWebhook("card 1 numbered"));
        Numberer numberer = new Numberer(bus, this::change);
        bus.subscribe(numberer);
        var answered = watch(() -> {
            LongPoll poll = new LongPoll();
            bus.subscribeOnce(poll);
            return poll;
        });

        bus.publish(change("card created"));

        assertThat(answered).isCollectable();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private BoardEvent change(String change) {
        return new BoardEvent("team-board", ++sequence, change);
    }

    /**
     * Opens a user's session on the board: it subscribes, with a long poll of the user's after it, and at
     * the next change (the user left) cancels its own subscription and the long poll's. Returns the
     * session and the long poll, watched; nothing else of the test refers to them.
     */
    private List<Watched<?>> openSessionWithALongPoll() {
        Cancels session = new Cancels();
        LongPoll poll = new LongPoll();
        session.targets = List.of(bus.subscribe(session), bus.subscribe(poll));
        return List.of(watch(() -> session), watch(() -> poll));
    }

    /** Publishes a change a listener fails on: the board's code logs the report and goes on. */
    private void publishReportingFailure(BoardEvent event) {
        try {
            bus.publish(event);
        } catch (ListenerFailedException reported) {
            // logged by the board, which goes on with its next change
        }
    }

    /** Publishes a change a listener throws an Error on: the board's thread logs it and goes on. */
    private void publishHittingAnError(BoardEvent event) {
        try {
            bus.publish(event);
        } catch (NoClassDefFoundError thrown) {
            // logged by the board's thread, which goes on with its next change
        }
    }

    /** Writes down in a log what it receives, as "name:sequence"; or nothing, when the log is null. */
    private static class Recording implements BoardListener {

        private final String name;
        private final List<String> log;

        Recording(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void onEvent(BoardEvent event) {
            if (log != null) {
                log.add(name + ":" + event.sequence());
            }
        }
    }

    /** A browser waiting for the board's next change, with the response it will write: 8 KiB. */
    private static class LongPoll implements BoardListener {

        final byte[] response = new byte[8 * 1024];
        BoardEvent answer;

        @Override
        public void onEvent(BoardEvent event) {
            answer = event;
        }
    }

    /** A long poll whose browser has gone: writing the answer fails. */
    private static final class GonePoll extends LongPoll {

        int calls;
        RuntimeException lastFailure;

        @Override
        public void onEvent(BoardEvent event) {
            calls++;
            lastFailure = new UncheckedIOException(new IOException("Connection reset by peer"));
            throw lastFailure;
        }
    }

    /** Follows a card until its next change, then cancels its own subscription, during delivery. */
    private static final class StopsAtFirstChange extends LongPoll {

        Subscription subscription;
        private final Recording recording;

        StopsAtFirstChange() {
            this("watcher", null);
        }

        StopsAtFirstChange(String name, List<String> log) {
            this.recording = new Recording(name, log);
        }

        @Override
        public void onEvent(BoardEvent event) {
            super.onEvent(event);
            recording.onEvent(event);
            subscription.cancel();
        }
    }

    /** A user's session: at its first event (the user left), it cancels the subscriptions it holds. */
    private static final class Cancels extends Recording {

        List<Subscription> targets = List.of();

        Cancels() {
            this("session", null);
        }

        Cancels(String name, List<String> log) {
            super(name, log);
        }

        @Override
        public void onEvent(BoardEvent event) {
            super.onEvent(event);
            targets.forEach(Subscription::cancel);
            targets = List.of();
        }
    }

    /** A customer's webhook whose URL is malformed: it throws on every change, or on those it names. */
    private static final class BrokenWebhook implements BoardListener {

        private final String failsOn;
        int calls;
        RuntimeException lastFailure;

        BrokenWebhook() {
            this("");
        }

        BrokenWebhook(String failsOn) {
            this.failsOn = failsOn;
        }

        @Override
        public void onEvent(BoardEvent event) {
            calls++;
            if (event.change().startsWith(failsOn)) {
                lastFailure = new IllegalArgumentException("malformed webhook URL: htps://hooks.example.com/boards");
                throw lastFailure;
            }
        }
    }

    /** Renders thumbnails with a library missing from the server: every call throws an Error. */
    private static final class ThumbnailRenderer implements BoardListener {

        Error lastError;

        @Override
        public void onEvent(BoardEvent event) {
            lastError = new NoClassDefFoundError("com/example/thumbnails/ImageCodec");
            throw lastError;
        }
    }

    /** On the first event, subscribes the listeners it was given: the first for good, the second once. */
    private static final class SubscribesOnFirstEvent implements BoardListener {

        private final BoardEventBus bus;
        private final BoardListener listener;
        private final BoardListener oneShot;
        private boolean done;

        SubscribesOnFirstEvent(BoardEventBus bus, BoardListener listener, BoardListener oneShot) {
            this.bus = bus;
            this.listener = listener;
            this.oneShot = oneShot;
        }

        @Override
        public void onEvent(BoardEvent event) {
            if (!done) {
                done = true;
                bus.subscribe(listener);
                bus.subscribeOnce(oneShot);
            }
        }
    }

    /**
     * Gives every card created a number, and publishes that as a change of its own while the creation
     * is delivered. A failure of the listeners on the number is logged here, as the board does: the
     * creation itself went well.
     */
    private static final class Numberer implements BoardListener {

        private final BoardEventBus bus;
        private final Function<String, BoardEvent> changes;
        int failuresLogged;

        Numberer(BoardEventBus bus, Function<String, BoardEvent> changes) {
            this.bus = bus;
            this.changes = changes;
        }

        @Override
        public void onEvent(BoardEvent event) {
            if (event.change().equals("card created")) {
                try {
                    bus.publish(changes.apply("card " + event.sequence() + " numbered"));
                } catch (ListenerFailedException reported) {
                    failuresLogged++;
                }
            }
        }
    }
}
