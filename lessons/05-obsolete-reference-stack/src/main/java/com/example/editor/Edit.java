package com.example.editor;

/**
 * One change to a document, with what undoing it needs: where it happened, the text it removed
 * and the text it inserted. {@code label} names it in the menu ("Undo Paste").
 */
public record Edit(String label, int offset, String removed, String inserted) {
}
