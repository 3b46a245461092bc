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
 * for a shared document can be days. It is an {@link ArrayList}, which manages its own array, so
 * that the history panel can list the edits without copying a linked structure.
 */
public class UndoStack {

    private final ArrayList<Edit> elements = new ArrayList<>();
    private int size;

    /** Records an edit the user has just made. */
    public void push(Edit edit) {
        Objects.requireNonNull(edit, "edit");
        if (size < elements.size()) {
            elements.set(size, edit);
        } else {
            elements.add(edit);
        }
        size++;
    }

    /**
     * Takes the newest edit off the history, for the editor to revert it.
     *
     * @throws NoSuchElementException if there is nothing to undo
     */
    public Edit pop() {
        if (size == 0) {
            throw new NoSuchElementException("nothing to undo");
        }
        return elements.get(--size);
    }

    /**
     * The newest edit, left on the history: the menu shows it as "Undo <label>".
     *
     * @throws NoSuchElementException if there is nothing to undo
     */
    public Edit peek() {
        if (size == 0) {
            throw new NoSuchElementException("nothing to undo");
        }
        return elements.get(size - 1);
    }

    /** How many edits can be undone. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The edits that can be undone, newest first, for the history panel. */
    public List<Edit> newestFirst() {
        List<Edit> edits = new ArrayList<>(size);
        for (int i = size - 1; i >= 0; i--) {
            edits.add(elements.get(i));
        }
        return edits;
    }
}
