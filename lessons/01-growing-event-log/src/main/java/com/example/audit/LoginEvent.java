package com.example.audit;

import java.time.Instant;

/** One successful sign-in: who, from where, when. */
public record LoginEvent(String user, String remoteAddress, Instant at) {
}
