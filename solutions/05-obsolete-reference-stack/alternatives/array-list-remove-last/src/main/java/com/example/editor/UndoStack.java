package com.example.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The undo history of one open document: every edit made so far, the newest on top.
 *
 * <p>The editor pushes each edit as the user makes it and pops the newest one to revert it when
 * the user presses Ctrl+Z. A history lives as long as its document is open on the server, which
 * for a shared document can be days. It is an {@link ArrayList}, oldest first, whose end is the
 * top of the stack: the list is the only record of which slots are in use, and it clears the slot
 * of every edit it removes.
 */
public class UndoStack {

    private final List<Edit> edits = new ArrayList<>();

    /** Records an edit the user has just made. */
    public void push(Edit edit) {
        edits.add(Objects.requireNonNull(edit, "edit"));
    }

    /**
     * Takes the newest edit off the history, for the editor to revert it.
     *
     * @throws NoSuchElementException if there is nothing to undo
     */
    public Edit pop() {
        if (edits.isEmpty()) {
            throw new NoSuchElementException("nothing to undo");
        }
        return edits.remove(edits.size() - 1);
    }

    /**
     * The newest edit, left on the history: the menu shows it as "Undo <label>".
     *
     * @throws NoSuchElementException if there is nothing to undo
     */
    public Edit peek() {
        if (edits.isEmpty()) {
            throw new NoSuchElementException("nothing to undo");
        }
        return edits.get(edits.size() - 1);
    }

    /** How many edits can be undone. */
    public int size() {
        return edits.size();
    }

    public boolean isEmpty() {
        return edits.isEmpty();
    }

    /** The edits that can be undone, newest first, for the history panel. */
    public List<Edit> newestFirst() {
        List<Edit> newestFirst = new ArrayList<>(edits.size());
        for (int i = edits.size() - 1; i >= 0; i--) {
            newestFirst.add(edits.get(i));
        }
        return newestFirst;
    }
}
