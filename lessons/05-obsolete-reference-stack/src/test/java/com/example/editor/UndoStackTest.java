package com.example.editor;

import static dev.leakproof.LeakAssertions.assertThat;
import static dev.leakproof.LeakAssertions.liveInstances;
import static dev.leakproof.LeakAssertions.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The undo history")
class UndoStackTest {

    private final UndoStack history = new UndoStack();

    /** The histories of the documents a server has open, for tests of many documents. */
    private final List<UndoStack> openDocuments = new ArrayList<>();

    @ContractTest
    @DisplayName("undoes the newest edit first")
    void undoesNewestFirst() {
        history.push(typing(1));
        history.push(typing(2));
        history.push(typing(3));

        assertThat(history.pop()).as("the edit the first undo takes back").isEqualTo(typing(3));
        assertThat(history.pop()).as("the edit the second undo takes back").isEqualTo(typing(2));
        assertThat(history.pop()).as("the edit the third undo takes back").isEqualTo(typing(1));
        assertThat(history.isEmpty()).as("whether the history is empty after undoing every edit").isTrue();
    }

    @ContractTest
    @DisplayName("shows the newest edit in the menu and the panel without undoing anything")
    void showsTheHistoryWithoutUndoing() {
        history.push(typing(1));
        history.push(paste(2));

        assertThat(history.peek()).as("the newest edit, as peek shows it").isEqualTo(paste(2));
        assertThat(history.newestFirst()).as("the history, newest first, after peek")
                .containsExactly(paste(2), typing(1));
        assertThat(history.size()).as("the number of edits after peek").isEqualTo(2);
    }

    @ContractTest
    @DisplayName("records a new edit on top of what is left after an undo")
    void recordsOnTopOfWhatIsLeft() {
        history.push(typing(1));
        history.push(typing(2));
        history.pop();

        history.push(typing(3));

        assertThat(history.newestFirst()).as("the history, newest first, after an undo and a new edit")
                .containsExactly(typing(3), typing(1));
    }

    @ContractTest
    @DisplayName("has nothing to undo before the first edit and after the last undo")
    void hasNothingToUndoWhenEmpty() {
        assertThat(history.isEmpty()).as("whether a new history is empty").isTrue();
        assertThat(history.newestFirst()).as("the edits of a new history").isEmpty();
        assertThatThrownBy(history::pop).as("an undo on a new history").isInstanceOf(NoSuchElementException.class);

        history.push(typing(1));
        history.pop();

        assertThat(history.size()).as("the number of edits after the last undo").isZero();
        assertThatThrownBy(history::pop).as("an undo after the last undo").isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(history::peek).as("a peek after the last undo").isInstanceOf(NoSuchElementException.class);
    }

    @ContractTest
    @DisplayName("keeps a long history, and undoes all of it in order")
    void keepsALongHistory() {
        IntStream.range(0, 10_000).forEach(i -> history.push(typing(i)));

        assertThat(history.size()).as("the number of edits after 10,000").isEqualTo(10_000);
        assertThat(history.newestFirst()).as("the history of 10,000 edits, newest first")
                .hasSize(10_000).startsWith(typing(9_999)).endsWith(typing(0));
        for (int i = 9_999; i >= 0; i--) {
            assertThat(history.pop()).as("the edit undo number %,d takes back", 10_000 - i).isEqualTo(typing(i));
        }
        assertThat(history.isEmpty()).as("whether the history is empty after undoing all 10,000 edits").isTrue();
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
    @DisplayName("lets a paste into a fresh document be garbage collected once it is undone")
    void forgetsAnUndonePasteInAFreshDocument() {
        var undone = watch(() -> {
            Edit paste = paste(0);
            history.push(paste);
            return history.pop();
        });

        assertThat(undone).isCollectable();
    }

    @LeakTest
    @DisplayName("keeps no edit in memory in fresh documents whose every edit was undone, whatever the menu and the panel read")
    void keepsNothingOnceEveryEditIsUndone() {
        assertThat(liveInstances(Edit.class))
                .whileRepeating(100, document -> {
                    UndoStack fresh = new UndoStack();
                    openDocuments.add(fresh);
                    int edits = document + 1;
                    IntStream.range(0, edits).forEach(i -> fresh.push(typing(i)));
                    for (int i = 0; i < edits; i++) {
                        fresh.peek();
                        fresh.newestFirst();
                        fresh.pop();
                    }
                    expectNothingToUndo(fresh);
                })
                .growsByAtMost(0);
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

    /** An undo and a menu on an empty history: both refused, as the editor expects. */
    private static void expectNothingToUndo(UndoStack history) {
        try {
            history.pop();
            throw new AssertionError("an undo on an empty history was not refused");
        } catch (NoSuchElementException expected) {
            // the editor greys out "Undo"
        }
        try {
            history.peek();
            throw new AssertionError("a peek on an empty history was not refused");
        } catch (NoSuchElementException expected) {
            // the menu shows no "Undo" item
        }
    }

    private static Edit typing(int i) {
        return new Edit("Typing", i, "", "word-" + i + " ");
    }

    /** A pasted block of text: a few hundred kilobytes, as a pasted table or log can be. */
    private static Edit paste(int offset) {
        return new Edit("Paste", offset, "", "| cell | cell | cell |\n".repeat(10_000));
    }
}
