package com.example.orders;

/** A row of an order file that cannot be read as an order. The message names its line. */
public class MalformedOrderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;

    public MalformedOrderException(int lineNumber, String problem) {
        super("line " + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
    }

    /** The line of the file, counting from 1 (the header). */
    public int lineNumber() {
        return lineNumber;
    }
}
