package com.example.flags;

import java.io.IOException;
import java.util.Map;

/** The feature flag service, reached over the network: it decides which flags are on for a tenant. */
public interface FlagService {

    /** Every flag of {@code tenant} as the service has it now, on or off. */
    Map<String, Boolean> fetchFlags(String tenant) throws IOException;

    /** How often each flag of {@code tenant} was looked at since the last report, for the flags' dashboards. */
    void reportUsage(String tenant, Map<String, Long> evaluations) throws IOException;
}
