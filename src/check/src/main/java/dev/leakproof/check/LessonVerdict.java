package dev.leakproof.check;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the check found for one lesson.
 *
 * @param lesson   the lesson
 * @param cells    per cell, a short summary such as {@code 3 passed} or {@code 2 leaked}
 * @param outcomes per variant, the outcomes of the first run
 * @param misses   everything wrong; empty when the lesson is sound
 */
public record LessonVerdict(Lesson lesson, Map<Cell, String> cells, Map<LessonCompiler.Variant, List<TestOutcome>> outcomes,
        List<Miss> misses) {

    public LessonVerdict {
        cells = new EnumMap<>(cells);
        outcomes = Map.copyOf(outcomes);
        misses = List.copyOf(misses);
    }

    public boolean sound() {
        return misses.isEmpty();
    }

    /** Whether a cell holds: it ran and nothing is wrong in it. */
    public boolean holds(Cell cell) {
        return cells.containsKey(cell) && misses.stream().noneMatch(m -> m.where().equals(cell.heading()));
    }

    /** Whether the lesson's files are complete. */
    public boolean complete() {
        return misses.stream().noneMatch(m -> m.where().equals(FourWayCheck.FILES));
    }
}
