package com.beta.lab.network.game;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The state of one player's game: the number Simon said, kept as a String
 * of digits so that it can grow without limit.
 */
public final class SimonRound {

    private String number;

    public SimonRound() {
        number = draw(1);
    }

    public static String draw(int digits) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(digits);
        sb.append((char) ('1' + random.nextInt(9)));
        while (sb.length() < digits) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    public String says() {
        return "Simon Says: " + number;
    }

    /** @return true and a longer number when the answer is right; false otherwise (state unchanged). */
    public boolean check(String answer) {
        if (answer.strip().equals(number)) {
            number = draw(number.length() + 1);
            return true;
        }
        return false;
    }

    public void reset() {
        number = draw(1);
    }
}
