package dev.leakproof.kata;

import dev.leakproof.check.Lesson;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The lesson nearest to a name that matches none ({@link dev.leakproof.check.Workbook#find} finds those that match). */
final class Names {

    private Names() {
    }

    /**
     * The lesson whose id or name is nearest to what was typed, by edit distance; empty when even the
     * nearest is not near (more than a third of the name's letters, and more than two, would change).
     */
    static Optional<Lesson> nearest(List<Lesson> lessons, String typed) {
        String wanted = typed.strip().toLowerCase(Locale.ROOT);
        int near = Math.max(2, wanted.length() / 3);
        return lessons.stream()
                .filter(l -> distanceTo(wanted, l) <= near)
                .min(Comparator.comparingInt(l -> distanceTo(wanted, l)));
    }

    private static int distanceTo(String wanted, Lesson lesson) {
        return Math.min(distance(wanted, lesson.id()), distance(wanted, lesson.name()));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
