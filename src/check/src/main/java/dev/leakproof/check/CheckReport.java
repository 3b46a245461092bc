package dev.leakproof.check;

import java.util.List;
import java.util.stream.Collectors;

/** The check's verdicts as text: a table of lessons by cell, then every miss on a line. */
public final class CheckReport {

    private CheckReport() {
    }

    public static String table(List<LessonVerdict> verdicts, String setting) {
        int idWidth = Math.max(6, verdicts.stream().mapToInt(v -> v.lesson().id().length()).max().orElse(6));
        StringBuilder text = new StringBuilder();
        text.append("Four-way check (").append(setting).append(')').append(System.lineSeparator());
        text.append(String.format("%-" + idWidth + "s", "lesson"));
        for (Cell cell : Cell.values()) {
            text.append("  ").append(String.format("%-19s", cell.heading()));
        }
        for (Fix.Kind kind : Fix.Kind.values()) {
            text.append("  ").append(String.format("%-16s", kind.folder()));
        }
        text.append("  files").append(System.lineSeparator());
        for (LessonVerdict verdict : verdicts) {
            text.append(String.format("%-" + idWidth + "s", verdict.lesson().id()));
            for (Cell cell : Cell.values()) {
                String summary = verdict.cells().getOrDefault(cell, "did not run");
                text.append("  ").append(String.format("%-19s", (verdict.holds(cell) ? "✔ " : "✘ ") + summary));
            }
            for (Fix.Kind kind : Fix.Kind.values()) {
                String summary = verdict.fixSummary(kind);
                text.append("  ").append(String.format("%-16s", (summary.equals("none") ? "– "
                        : verdict.fixesHold(kind) ? "✔ " : "✘ ") + summary));
            }
            text.append("  ").append(verdict.complete() ? "✔" : "✘").append(System.lineSeparator());
        }
        List<Miss> misses = misses(verdicts);
        long sound = verdicts.stream().filter(LessonVerdict::sound).count();
        text.append(sound).append(" of ").append(verdicts.size()).append(" lessons sound");
        if (!misses.isEmpty()) {
            text.append("; ").append(misses.size()).append(misses.size() == 1 ? " miss:" : " misses:");
            for (Miss miss : misses) {
                text.append(System.lineSeparator()).append("  - ").append(miss);
            }
        }
        return text.append(System.lineSeparator()).toString();
    }

    public static List<Miss> misses(List<LessonVerdict> verdicts) {
        return verdicts.stream().flatMap(v -> v.misses().stream()).collect(Collectors.toList());
    }
}
