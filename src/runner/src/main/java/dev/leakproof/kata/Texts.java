package dev.leakproof.kata;

import dev.leakproof.check.Lesson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The lesson's texts the runner shows: its hints, one at a time, and its solution's sections. */
final class Texts {

    private static final Pattern HINT = Pattern.compile("(?m)^##\\s+Hint\\b.*$");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.*)$");

    private Texts() {
    }

    /** The hints of {@code HINTS.md}, each with its heading, in order. */
    static List<String> hints(Lesson lesson) {
        String text = read(lesson.dir().resolve("HINTS.md"));
        List<String> hints = new ArrayList<>();
        Matcher matcher = HINT.matcher(text);
        List<Integer> starts = new ArrayList<>();
        while (matcher.find()) {
            starts.add(matcher.start());
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : text.length();
            String hint = text.substring(starts.get(i), end);
            // a later heading of another level (not a hint) ends this hint too
            Matcher other = Pattern.compile("(?m)^#{1,2}\\s+(?!Hint\\b)").matcher(hint);
            if (other.find(1)) {
                hint = hint.substring(0, other.start());
            }
            hints.add(hint.strip());
        }
        return hints;
    }

    /** The solution's sections whose headings start with one of {@code headings}, in the file's order. */
    static String solutionSections(Lesson lesson, List<String> headings) {
        String text = read(lesson.solutionDir().resolve("SOLUTION.md"));
        Matcher matcher = HEADING.matcher(text);
        List<int[]> sections = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        while (matcher.find()) {
            sections.add(new int[] {matcher.start(), matcher.end()});
            titles.add(matcher.group(1).strip());
        }
        StringBuilder chosen = new StringBuilder();
        for (int i = 0; i < sections.size(); i++) {
            String title = titles.get(i).toLowerCase(Locale.ROOT);
            if (headings.stream().anyMatch(h -> title.startsWith(h.toLowerCase(Locale.ROOT)))) {
                int end = i + 1 < sections.size() ? sections.get(i + 1)[0] : text.length();
                chosen.append(text, sections.get(i)[0], end).append('\n');
            }
        }
        return chosen.toString().strip();
    }

    static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
