package com.example.editor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The undo history of one open document: every edit made so far, the newest on top.
 *
 * <p>The editor pushes each edit as the user makes it and pops the newest one to revert it when
 * the user presses Ctrl+Z. A history lives as long as its document is open on the server, which
 * for a shared document can be days. It is an {@link ArrayDeque} used as a stack, newest first:
 * an array grown by doubling, which clears the slot of every edit it gives back.
 */
public class UndoStack {

    private final Deque<Edit> edits = new ArrayDeque<>();

    /** Records an edit the user has just made. */
    public void push(Edit edit) {
        edits.push(Objects.requireNonNull(edit, "edit"));
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
        return edits.pop();
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
        return edits.peek();
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
        return new ArrayList<>(edits);
    }
}
