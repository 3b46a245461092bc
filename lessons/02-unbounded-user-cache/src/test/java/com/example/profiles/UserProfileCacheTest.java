package com.example.profiles;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.liveInstances;
import static dev.leakproof.LeakAssertions.retainedBy;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The user profile cache")
class UserProfileCacheTest {

    private static final int MAX_SIZE = 1_000;
    private static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

    private final AtomicInteger storeCalls = new AtomicInteger();
    /**
     * A stand-in for the user directory: every id that starts with "user-" exists. Each call makes a
     * new profile, as a real store does when it reads one from the network, and keeps none of them.
     */
    private final UserStore store = userId -> {
        storeCalls.incrementAndGet();
        if (!userId.startsWith("user-")) {
            return Optional.empty();
        }
        String number = userId.substring("user-".length());
        return Optional.of(new UserProfile(userId, "User " + number, "user" + number + "@example.com"));
    };
    private final TestClock clock = new TestClock(Instant.parse("2024-03-04T09:00:00Z"));
    private final UserProfileCache cache = new UserProfileCache(store, MAX_SIZE, TIME_TO_LIVE, clock);

    @ContractTest
    @DisplayName("returns the profile the user store has for the user")
    void returnsTheStoresProfile() {
        assertThat(cache.find("user-7")).as("the profile found for user-7").hasValueSatisfying(profile -> {
            assertThat(profile.userId()).as("its user id").isEqualTo("user-7");
            assertThat(profile.displayName()).as("its display name").isEqualTo("User 7");
            assertThat(profile.email()).as("its e-mail address").isEqualTo("user7@example.com");
        });
    }

    @ContractTest
    @DisplayName("asks the user store only once for a user looked up again within the time to live")
    void servesARepeatedLookupFromTheCache() {
        UserProfile first = cache.find("user-42").orElseThrow();
        clock.advance(TIME_TO_LIVE.minusSeconds(1));

        assertThat(cache.find("user-42")).as("user-42 looked up a second time: the profile of the first")
                .containsSame(first);
        assertThat(cache.find("user-42")).as("user-42 looked up a third time: the profile of the first")
                .containsSame(first);
        assertThat(storeCalls).as("calls to the user store for three lookups of user-42").hasValue(1);
    }

    @ContractTest
    @DisplayName("finds nobody for an id the user store does not know, and caches nothing for it")
    void findsNoUnknownUser() {
        assertThat(cache.find("robot-1")).as("the profile found for robot-1, whom the user store does not know")
                .isEmpty();
        assertThat(cache.cachedProfiles()).as("the profiles cached after looking up robot-1").isZero();
    }

    @ContractTest
    @DisplayName("counts on its gauge the profiles it has cached, none before the first")
    void gaugeCountsCachedProfiles() {
        assertThat(cache.cachedProfiles()).as("the gauge before the first lookup").isZero();

        cache.find("user-1");
        cache.find("user-2");
        cache.find("user-1");
        cache.find("user-3");

        assertThat(cache.cachedProfiles()).as("the gauge after looking up three users, one of them twice").isEqualTo(3);
    }

    @LeakTest
    @DisplayName("keeps no more profiles in memory than its maximum size, however many users are looked up")
    void keepsAtMostMaxSizeProfiles() {
        assertThat(liveInstances(UserProfile.class))
                .whileRepeating(100_000, i -> cache.find("user-" + i))
                .growsByAtMost(MAX_SIZE);
    }

    @LeakTest
    @DisplayName("lets a profile be garbage collected once its time to live has passed")
    void forgetsExpiredProfiles() {
        var lookedUpOnce = watch(() -> cache.find("user-1").orElseThrow());
        clock.advance(TIME_TO_LIVE.plusSeconds(1));
        IntStream.rangeClosed(2, 11).forEach(i -> cache.find("user-" + i));

        assertThat(lookedUpOnce).isCollectable();
    }

    @LeakTest
    @DisplayName("lets an expired profile be garbage collected when only unknown users are looked up after it")
    void forgetsExpiredProfilesWhenOnlyUnknownUsersAreLookedUp() {
        var lookedUpOnce = watch(() -> cache.find("user-1").orElseThrow());
        clock.advance(TIME_TO_LIVE.plusSeconds(1));
        IntStream.rangeClosed(1, 10).forEach(i -> cache.find("robot-" + i));

        assertThat(lookedUpOnce).isCollectable();
    }

    @LeakTest
    @DisplayName("lets an expired profile be garbage collected when only cached users are looked up after it")
    void forgetsExpiredProfilesWhenOnlyCachedUsersAreLookedUp() {
        var lookedUpFirst = watch(() -> cache.find("user-1").orElseThrow());
        clock.advance(TIME_TO_LIVE.dividedBy(2));
        IntStream.rangeClosed(2, 11).forEach(i -> cache.find("user-" + i));
        clock.advance(TIME_TO_LIVE.dividedBy(2).plusSeconds(1));
        // user-2 to user-11 are half way through their time to live: every lookup now is a hit
        IntStream.rangeClosed(2, 11).forEach(i -> cache.find("user-" + i));

        assertThat(lookedUpFirst).isCollectable();
    }

    @LeakTest
    @DisplayName("holds no more memory after 20,000 more users than when full, while the size limit evicts")
    void holdsABoundedAmountOfMemoryWhenTheSizeLimitEvicts() {
        // Full first, with ids of one length, so that every profile weighs the same: from here on
        // each new user's profile takes the place of the eldest. The clock stands still.
        IntStream.range(0, 2 * MAX_SIZE).forEach(i -> cache.find("user-" + (100_000 + i)));

        assertThat(retainedBy(cache))
                .whileRepeating(20_000, i -> cache.find("user-" + (200_000 + i)))
                .growsByAtMost(16 * 1024);
    }

    @LeakTest
    @DisplayName("holds no more memory after 20,000 more users than when settled, while profiles expire")
    void holdsABoundedAmountOfMemoryWhileProfilesExpire() {
        // A second passes with every lookup: a profile expires 600 lookups after it was loaded, before
        // the size limit is ever reached. Settled first, so that the cache holds 600 profiles.
        IntStream.range(0, 2 * MAX_SIZE).forEach(i -> {
            clock.advance(Duration.ofSeconds(1));
            cache.find("user-" + (100_000 + i));
        });

        assertThat(retainedBy(cache))
                .whileRepeating(20_000, i -> {
                    clock.advance(Duration.ofSeconds(1));
                    cache.find("user-" + (200_000 + i));
                })
                .growsByAtMost(16 * 1024);
    }

    /** A clock that stands still until the test moves it forward. */
    private static final class TestClock extends Clock {

        private Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the cache needs no time zone");
        }
    }
}
