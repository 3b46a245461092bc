package com.example.board;

/** Something that reacts to a board's changes: the activity feed, a webhook, a waiting browser. */
@FunctionalInterface
public interface BoardListener {

    /** Called on the board's thread, once for each event published while subscribed. */
    void onEvent(BoardEvent event);
}
