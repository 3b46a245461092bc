package com.example.editor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The undo history of one open document: every edit made so far, the newest on top.
 *
 * <p>The editor pushes each edit as the user makes it and pops the newest one to revert it when
 * the user presses Ctrl+Z. A history lives as long as its document is open on the server, which
 * for a shared document can be days. It is a plain array, grown by doubling, so that the history
 * panel can list the edits without copying a linked structure.
 */
public class UndoStack {

    private static final int INITIAL_CAPACITY = 16;

    private Edit[] elements = new Edit[INITIAL_CAPACITY];
    private int size;

    /** Records an edit the user has just made. */
    public void push(Edit edit) {
        Objects.requireNonNull(edit, "edit");
        if (size == elements.length) {
            elements = Arrays.copyOf(elements, 2 * size);
        }
        elements[size++] = edit;
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
        Edit newest = elements[--size];
        if (elements.length > INITIAL_CAPACITY && size < elements.length / 4) {
            elements = Arrays.copyOf(elements, elements.length / 2);
        } else {
            elements[size] = null;
        }
        return newest;
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
        return elements[size - 1];
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
            edits.add(elements[i]);
        }
        return edits;
    }
}
