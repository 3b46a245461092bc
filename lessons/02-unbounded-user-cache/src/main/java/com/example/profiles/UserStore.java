package com.example.profiles;

import java.util.Optional;

/**
 * The company's user directory, reached over the network: right, and slow (tens of milliseconds
 * a call, more at peak times).
 */
@FunctionalInterface
public interface UserStore {

    /** The user's profile as the directory has it now, or empty if there is no such user. */
    Optional<UserProfile> findById(String userId);
}
