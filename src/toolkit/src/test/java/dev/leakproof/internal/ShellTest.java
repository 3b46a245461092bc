package dev.leakproof.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The explain helpers of kata shell")
class ShellTest {

    /** Held as a variable of the shell holds it: JShell keeps each in a static field of its own. */
    static Object held;
    static final List<Note> NOTES = new ArrayList<>();

    record Note(String text) {
    }

    @AfterEach
    void release() {
        held = null;
        NOTES.clear();
    }

    @Test
    @DisplayName("call an object the learner holds on purpose \"this object\": nothing is known to have leaked")
    void explainCallsItThisObject() {
        held = new Note("kept on purpose");

        assertThat(Shell.explain(new WatchedReference(held)))
                .contains("static ShellTest.held")
                .contains("= ShellTest$Note (this object)")
                .doesNotContain("the leaked object");
    }

    @Test
    @DisplayName("call the instance a path of explainInstances ends at \"one of the instances\"")
    void explainInstancesCallsItOneOfThem() {
        for (int i = 0; i < 10; i++) {
            NOTES.add(new Note("note " + i));
        }

        assertThat(Shell.explainInstances(Note.class))
                .contains("static ShellTest.NOTES")
                .contains("= ShellTest$Note (one of the instances)")
                .doesNotContain("the leaked object");
    }
}
