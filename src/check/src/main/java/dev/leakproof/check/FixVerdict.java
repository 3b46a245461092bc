package dev.leakproof.check;

import java.util.List;

/**
 * What the check found for one near-miss or alternative.
 *
 * @param fix        the fix
 * @param holds      a near-miss kept the contract and a leak test rejected it; an alternative passed every test
 * @param rejectedBy for a near-miss, the leak test that failed on it by a leak assertion (the check stops the
 *                   leak tests at the first: see {@link TestRunner#untilFirstLeak()})
 */
public record FixVerdict(Fix fix, boolean holds, List<String> rejectedBy) {

    public FixVerdict {
        rejectedBy = List.copyOf(rejectedBy);
    }
}
