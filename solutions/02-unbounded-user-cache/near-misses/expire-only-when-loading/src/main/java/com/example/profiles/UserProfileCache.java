package com.example.profiles;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    private final Duration timeToLive;
    private final Clock clock;
    /**
     * In the order the profiles were loaded, so the oldest, which expires first, is at the head.
     * Never more than {@code maxSize}: a put beyond it drops the eldest.
     */
    private final Map<String, CachedProfile> profiles;

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
        this.timeToLive = timeToLive;
        this.clock = clock;
        this.profiles = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedProfile> eldest) {
                return size() > maxSize;
            }
        };
    }

    public UserProfileCache(UserStore store, int maxSize, Duration timeToLive) {
        this(store, maxSize, timeToLive, Clock.systemUTC());
    }

    /** The user's profile, from the cache if it is there, else from the store; empty if unknown. */
    public synchronized Optional<UserProfile> find(String userId) {
        Instant now = clock.instant();
        CachedProfile cached = profiles.get(userId);
        if (cached != null && cached.expiresAt().isAfter(now)) {
            return Optional.of(cached.profile());
        }
        Optional<UserProfile> loaded = store.findById(userId);
        loaded.ifPresent(profile -> {
            // the map only changes here, so this is where stale entries are cleared out
            removeExpired(now);
            profiles.put(userId, new CachedProfile(profile, now.plus(timeToLive)));
        });
        return loaded;
    }

    /** How many profiles are cached; published as the {@code profiles.cache.size} gauge. */
    public synchronized int cachedProfiles() {
        return profiles.size();
    }

    /** Drops the expired profiles: all at the head, since every profile lives equally long. */
    private void removeExpired(Instant now) {
        Iterator<CachedProfile> oldestFirst = profiles.values().iterator();
        while (oldestFirst.hasNext() && !oldestFirst.next().expiresAt().isAfter(now)) {
            oldestFirst.remove();
        }
    }

    private record CachedProfile(UserProfile profile, Instant expiresAt) {
    }
}
