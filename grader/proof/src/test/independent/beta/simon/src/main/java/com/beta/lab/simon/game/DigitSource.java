package com.beta.lab.simon.game;

import java.security.SecureRandom;

/** Random numbers of an exact number of digits, as text (no upper bound on the length). */
public final class DigitSource {

    private final SecureRandom random = new SecureRandom();

    /** A number of exactly {@code length} decimal digits, never starting with 0. */
    public String digits(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1");
        }
        char[] out = new char[length];
        out[0] = (char) ('1' + random.nextInt(9));
        for (int i = 1; i < length; i++) {
            out[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(out);
    }
}
