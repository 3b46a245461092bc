package com.example.board;

/**
 * One change to a board, as its listeners receive it: which board, its place in the board's
 * history ({@code sequence} counts up from 1), and what happened ("card 17 moved to Done").
 */
public record BoardEvent(String board, long sequence, String change) {
}
