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
 * @param fixes    per near-miss and alternative, whether it holds
 */
public record LessonVerdict(Lesson lesson, Map<Cell, String> cells, Map<LessonCompiler.Variant, List<TestOutcome>> outcomes,
        List<Miss> misses, List<FixVerdict> fixes) {

    public LessonVerdict {
        cells = new EnumMap<>(cells);
        outcomes = Map.copyOf(outcomes);
        misses = List.copyOf(misses);
        fixes = List.copyOf(fixes);
    }

    /** A verdict of the four cells alone, for a lesson without near-misses or alternatives. */
    public LessonVerdict(Lesson lesson, Map<Cell, String> cells, Map<LessonCompiler.Variant, List<TestOutcome>> outcomes,
            List<Miss> misses) {
        this(lesson, cells, outcomes, misses, List.of());
    }

    /** {@code 4/4 rejected} or {@code 2/2 accepted}: how many fixes of a kind hold; {@code none} when there are none. */
    public String fixSummary(Fix.Kind kind) {
        long all = fixes.stream().filter(f -> f.fix().kind() == kind).count();
        long holding = fixes.stream().filter(f -> f.fix().kind() == kind && f.holds()).count();
        return all == 0 ? "none" : holding + "/" + all + (kind == Fix.Kind.NEAR_MISS ? " rejected" : " accepted");
    }

    /** Whether every fix of a kind holds (true when there are none). */
    public boolean fixesHold(Fix.Kind kind) {
        return fixes.stream().filter(f -> f.fix().kind() == kind).allMatch(FixVerdict::holds);
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
