package com.beta.lab.simon.game;

/**
 * One player's game. It lives in the connection's attachment, and only the
 * connection's own worker thread touches it, one message at a time.
 */
public final class SimonGame {

    public static final String GAME_OVER = "GAME OVER";

    private final DigitSource source;
    private int length;
    private String expected;

    public SimonGame(DigitSource source) {
        this.source = source;
        restart();
    }

    public void restart() {
        length = 1;
        expected = source.digits(length);
    }

    /** The text sent to the player for the current round. */
    public String prompt() {
        return "Simon Says: " + expected;
    }

    /**
     * Checks an answer. A right one moves on to a number one digit longer;
     * a wrong one leaves the game as it is (the caller restarts it).
     */
    public boolean answer(String text) {
        if (!text.strip().equals(expected)) {
            return false;
        }
        length++;
        expected = source.digits(length);
        return true;
    }

    public int length() {
        return length;
    }
}
