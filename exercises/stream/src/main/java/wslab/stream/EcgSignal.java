package wslab.stream;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Given: a made-up signal, like one channel of an ECG read by a 10-bit converter. You never need to change
 * this file.
 *
 * <p>A heartbeat, 72 a minute, drawn as a sum of bumps: the small P wave, the sharp Q-R-S spike, the
 * broad T wave; then a little noise on top, and the whole scaled to the converter's 0 to 1023.
 */
public final class EcgSignal {

    private static final double BEAT_SECONDS = 60.0 / 72;
    private static final double BASELINE = 400;
    private static final double SCALE = 480;
    private static final int NOISE = 6;

    /** The bumps of one beat: where in the beat (0 to 1), how high (R is 1), how wide. */
    private static final double[][] WAVES = {
        {0.20, 0.12, 0.025},  // P
        {0.37, -0.10, 0.010}, // Q
        {0.40, 1.00, 0.012},  // R
        {0.43, -0.22, 0.012}, // S
        {0.66, 0.28, 0.045},  // T
    };

    private EcgSignal() {
    }

    /** The signal's value {@code seconds} after it began: a whole number from 0 to 1023. */
    public static int at(double seconds) {
        double phase = (seconds % BEAT_SECONDS) / BEAT_SECONDS;
        double height = 0;
        for (double[] wave : WAVES) {
            double distance = (phase - wave[0]) / wave[2];
            height += wave[1] * Math.exp(-distance * distance / 2);
        }
        int value = (int) Math.round(BASELINE + SCALE * height) + ThreadLocalRandom.current().nextInt(-NOISE, NOISE + 1);
        return Math.max(0, Math.min(1023, value));
    }
}
