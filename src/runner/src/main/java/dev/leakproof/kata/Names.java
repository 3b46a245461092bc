package dev.leakproof.kata;

import dev.leakproof.check.Lesson;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Finds a lesson by what a learner types: its id, its name without the number, its number, a prefix. */
final class Names {

    private Names() {
    }

    static Optional<Lesson> find(List<Lesson> lessons, String typed) {
        String wanted = typed.strip().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        wanted = wanted.substring(wanted.lastIndexOf('/') + 1);
        for (Lesson lesson : lessons) {
            if (lesson.id().equals(wanted) || lesson.name().equals(wanted)) {
                return Optional.of(lesson);
            }
        }
        if (wanted.matches("\\d+")) {
            int number = Integer.parseInt(wanted);
            for (Lesson lesson : lessons) {
                String digits = lesson.id().replaceFirst("^(\\d+).*", "$1");
                if (digits.matches("\\d+") && Integer.parseInt(digits) == number) {
                    return Optional.of(lesson);
                }
            }
        }
        String prefix = wanted;
        List<Lesson> starting = lessons.stream()
                .filter(l -> l.id().startsWith(prefix) || l.name().startsWith(prefix))
                .collect(Collectors.toList());
        return starting.size() == 1 ? Optional.of(starting.get(0)) : Optional.empty();
    }

    /** The lesson whose id or name is nearest to what was typed, by edit distance. */
    static Optional<Lesson> nearest(List<Lesson> lessons, String typed) {
        String wanted = typed.strip().toLowerCase(Locale.ROOT);
        return lessons.stream().min(Comparator.comparingInt(
                l -> Math.min(distance(wanted, l.id()), distance(wanted, l.name()))));
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
