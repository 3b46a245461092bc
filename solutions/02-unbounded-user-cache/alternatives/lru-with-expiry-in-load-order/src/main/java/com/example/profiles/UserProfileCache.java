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
     * In access order: a lookup moves its profile to the tail, so the size limit drops the least
     * recently used one, and tells {@link #expiries} to forget it.
     */
    private final Map<String, UserProfile> profiles;
    /** When each cached profile expires, in the order they were loaded: the first to expire at the head. */
    private final Map<String, Instant> expiries = new LinkedHashMap<>();

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
        this.profiles = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, UserProfile> leastRecentlyUsed) {
                if (size() <= maxSize) {
                    return false;
                }
                expiries.remove(leastRecentlyUsed.getKey());
                return true;
            }
        };
    }

    public UserProfileCache(UserStore store, int maxSize, Duration timeToLive) {
        this(store, maxSize, timeToLive, Clock.systemUTC());
    }

    /** The user's profile, from the cache if it is there, else from the store; empty if unknown. */
    public synchronized Optional<UserProfile> find(String userId) {
        Instant now = clock.instant();
        removeExpired(now);
        UserProfile cached = profiles.get(userId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<UserProfile> loaded = store.findById(userId);
        loaded.ifPresent(profile -> {
            expiries.put(userId, now.plus(timeToLive));
            profiles.put(userId, profile);
        });
        return loaded;
    }

    /** How many profiles are cached; published as the {@code profiles.cache.size} gauge. */
    public synchronized int cachedProfiles() {
        return profiles.size();
    }

    /** Drops the expired profiles from both maps: all at the head of {@link #expiries}. */
    private void removeExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> firstToExpire = expiries.entrySet().iterator();
        while (firstToExpire.hasNext()) {
            Map.Entry<String, Instant> next = firstToExpire.next();
            if (next.getValue().isAfter(now)) {
                return;
            }
            profiles.remove(next.getKey());
            firstToExpire.remove();
        }
    }
}
