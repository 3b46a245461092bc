package com.example.profiles;

/** What the pages show about a user: the name beside a comment, the e-mail in the team list. */
public record UserProfile(String userId, String displayName, String email) {
}
