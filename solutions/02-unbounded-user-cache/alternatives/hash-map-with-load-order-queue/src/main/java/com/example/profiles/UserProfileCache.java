package com.example.profiles;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps user profiles close at hand, so that pages which show who wrote what do not wait for the
 * {@link UserStore} on every name they print.
 *
 * <p>One instance lives as long as the application. Its size and time to live come from the
 * configuration ({@code profiles.cache.max-size}, {@code profiles.cache.time-to-live}).
 */
public class UserProfileCache {

    private final UserStore store;
    private final int maxSize;
    private final Duration timeToLive;
    private final Clock clock;
    private final Map<String, CachedProfile> profiles = new HashMap<>();
    /**
     * The cached user ids in the order their profiles were loaded, each exactly once: an id goes in
     * when its profile does and leaves when it does, always from the head. Every profile lives
     * equally long, so the head is both the eldest and the first to expire.
     */
    private final Deque<String> loadOrder = new ArrayDeque<>();

    /**
     * @param maxSize    how many profiles the cache may hold
     * @param timeToLive how long a profile may stay cached after it was loaded
     * @param clock      tells the time; tests pass one they can move forward
     */
    public UserProfileCache(UserStore store, int maxSize, Duration timeToLive, Clock clock) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be positive");
        }
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("timeToLive must be positive");
        }
        this.store = store;
        this.maxSize = maxSize;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    public UserProfileCache(UserStore store, int maxSize, Duration timeToLive) {
        this(store, maxSize, timeToLive, Clock.systemUTC());
    }

    /** The user's profile, from the cache if it is there, else from the store; empty if unknown. */
    public synchronized Optional<UserProfile> find(String userId) {
        Instant now = clock.instant();
        while (!loadOrder.isEmpty() && !profiles.get(loadOrder.peekFirst()).expiresAt().isAfter(now)) {
            removeEldest();
        }
        CachedProfile cached = profiles.get(userId);
        if (cached != null) {
            return Optional.of(cached.profile());
        }
        Optional<UserProfile> loaded = store.findById(userId);
        loaded.ifPresent(profile -> {
            if (profiles.size() == maxSize) {
                removeEldest();
            }
            profiles.put(userId, new CachedProfile(profile, now.plus(timeToLive)));
            loadOrder.addLast(userId);
        });
        return loaded;
    }

    /** How many profiles are cached; published as the {@code profiles.cache.size} gauge. */
    public synchronized int cachedProfiles() {
        return profiles.size();
    }

    /** The one way out of the cache, for the size limit and the time to live alike. */
    private void removeEldest() {
        profiles.remove(loadOrder.removeFirst());
    }

    private record CachedProfile(UserProfile profile, Instant expiresAt) {
    }
}
