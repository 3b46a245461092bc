package dev.leakproof.check;

import dev.leakproof.check.LessonCompiler.Variant;

/**
 * The four cells of the invariant that keeps a lesson honest.
 *
 * <pre>
 *                   wrong code (lessons/)        solution (solutions/)
 *   contract tests  pass                         pass
 *   leak tests      fail by a leak assertion     pass
 * </pre>
 */
public enum Cell {
    CONTRACT_ON_LESSON(Variant.LESSON, ContractOrLeak.CONTRACT, "contract tests pass on the wrong code"),
    LEAK_ON_LESSON(Variant.LESSON, ContractOrLeak.LEAK, "leak tests fail on the wrong code, by a leak assertion"),
    CONTRACT_ON_SOLUTION(Variant.SOLUTION, ContractOrLeak.CONTRACT, "contract tests pass on the solution"),
    LEAK_ON_SOLUTION(Variant.SOLUTION, ContractOrLeak.LEAK, "leak tests pass on the solution");

    /** The two kinds of lesson test, by their JUnit tag. */
    public enum ContractOrLeak {
        CONTRACT("contract"), LEAK("leak");

        private final String tag;

        ContractOrLeak(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Variant variant;
    private final ContractOrLeak kind;
    private final String rule;

    Cell(Variant variant, ContractOrLeak kind, String rule) {
        this.variant = variant;
        this.kind = kind;
        this.rule = rule;
    }

    public Variant variant() {
        return variant;
    }

    public ContractOrLeak kind() {
        return kind;
    }

    /** What the cell demands, as a sentence. */
    public String rule() {
        return rule;
    }

    /** Short column heading: {@code contract/wrong}. */
    public String heading() {
        return kind.tag() + "/" + (variant == Variant.LESSON ? "wrong" : "solution");
    }

    /** The status every test of this cell must end with. */
    public TestOutcome.Status expected() {
        return this == LEAK_ON_LESSON ? TestOutcome.Status.LEAKED : TestOutcome.Status.PASSED;
    }
}
