package com.example.editor;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.liveInstances;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The undo history")
class UndoStackTest {

    private final UndoStack history = new UndoStack();

    @ContractTest
    @DisplayName("undoes the newest edit first")
    void undoesNewestFirst() {
        history.push(typing(1));
        history.push(typing(2));
        history.push(typing(3));

        assertThat(history.pop()).isEqualTo(typing(3));
        assertThat(history.pop()).isEqualTo(typing(2));
        assertThat(history.pop()).isEqualTo(typing(1));
        assertThat(history.isEmpty()).isTrue();
    }

    @ContractTest
    @DisplayName("shows the newest edit in the menu and the panel without undoing anything")
    void showsTheHistoryWithoutUndoing() {
        history.push(typing(1));
        history.push(paste(2));

        assertThat(history.peek()).isEqualTo(paste(2));
        assertThat(history.newestFirst()).containsExactly(paste(2), typing(1));
        assertThat(history.size()).isEqualTo(2);
    }

    @ContractTest
    @DisplayName("records a new edit on top of what is left after an undo")
    void recordsOnTopOfWhatIsLeft() {
        history.push(typing(1));
        history.push(typing(2));
        history.pop();

        history.push(typing(3));

        assertThat(history.newestFirst()).containsExactly(typing(3), typing(1));
    }

    @ContractTest
    @DisplayName("has nothing to undo before the first edit and after the last undo")
    void hasNothingToUndoWhenEmpty() {
        assertThat(history.isEmpty()).isTrue();
        assertThat(history.newestFirst()).isEmpty();
        assertThatThrownBy(history::pop).isInstanceOf(NoSuchElementException.class);

        history.push(typing(1));
        history.pop();

        assertThat(history.size()).isZero();
        assertThatThrownBy(history::pop).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(history::peek).isInstanceOf(NoSuchElementException.class);
    }

    @ContractTest
    @DisplayName("keeps a long history, and undoes all of it in order")
    void keepsALongHistory() {
        IntStream.range(0, 10_000).forEach(i -> history.push(typing(i)));

        assertThat(history.size()).isEqualTo(10_000);
        assertThat(history.newestFirst()).hasSize(10_000).startsWith(typing(9_999)).endsWith(typing(0));
        for (int i = 9_999; i >= 0; i--) {
            assertThat(history.pop()).isEqualTo(typing(i));
        }
        assertThat(history.isEmpty()).isTrue();
    }

    @LeakTest
    @DisplayName("lets a paste be garbage collected once it is undone")
    void forgetsAnUndonePaste() {
        history.push(typing(1));
        history.push(typing(2));
        var undone = watch(() -> {
            Edit paste = paste(3);
            history.push(paste);
            return history.pop();
        });

        assertThat(undone).isCollectable();
    }

    @LeakTest
    @DisplayName("keeps no undone edit in memory, however far back the user went")
    void keepsOnlyTheEditsThatCanBeUndone() {
        IntStream.range(0, 10).forEach(i -> history.push(typing(i)));

        assertThat(liveInstances(Edit.class))
                .whileRepeating(100, round -> {
                    int edits = 100 * (round + 1);
                    IntStream.range(0, edits).forEach(i -> history.push(typing(i)));
                    IntStream.range(0, edits).forEach(i -> history.pop());
                })
                .growsByAtMost(0);
    }

    private static Edit typing(int i) {
        return new Edit("Typing", i, "", "word-" + i + " ");
    }

    /** A pasted block of text: a few hundred kilobytes, as a pasted table or log can be. */
    private static Edit paste(int offset) {
        return new Edit("Paste", offset, "", "| cell | cell | cell |\n".repeat(10_000));
    }
}
