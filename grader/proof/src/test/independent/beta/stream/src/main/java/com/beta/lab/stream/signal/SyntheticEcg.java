package com.beta.lab.stream.signal;

import java.util.Random;

/**
 * A made-up ECG lead, sampled by a 10-bit converter: a beat of 0.9 s (about 67 a minute) built
 * from triangles and half-sines (P, QRS, T) on a slowly wandering baseline, plus some noise.
 */
public final class SyntheticEcg {

    private static final double BEAT = 0.9;

    private final Random noise = new Random();
    private double t;
    private double wander;

    /** The next sample, for a stream made at {@code rate} samples a second. */
    public int next(int rate) {
        double dt = 1.0 / rate;
        t += dt;
        wander += dt;
        double p = t % BEAT;
        double v = 0;
        if (p >= 0.08 && p < 0.18) {
            v += 60 * Math.sin(Math.PI * (p - 0.08) / 0.10);                 // P wave
        } else if (p >= 0.22 && p < 0.24) {
            v -= 40 * (p - 0.22) / 0.02;                                      // Q
        } else if (p >= 0.24 && p < 0.27) {
            v += -40 + 460 * (1 - Math.abs(p - 0.255) / 0.015);              // R
        } else if (p >= 0.27 && p < 0.30) {
            v -= 90 * (1 - Math.abs(p - 0.285) / 0.015);                      // S
        } else if (p >= 0.40 && p < 0.58) {
            v += 110 * Math.sin(Math.PI * (p - 0.40) / 0.18);                // T wave
        }
        double baseline = 480 + 25 * Math.sin(2 * Math.PI * wander / 7.0);
        long value = Math.round(baseline + v + noise.nextGaussian() * 5);
        return (int) Math.max(0, Math.min(1023, value));
    }
}
