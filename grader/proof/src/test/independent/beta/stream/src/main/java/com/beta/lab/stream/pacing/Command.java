package com.beta.lab.stream.pacing;

/** One client message, understood (or not). Matching is exact: no trimming, no case folding. */
public record Command(Kind kind, int rate, String problem) {

    public enum Kind { START, STOP, RATE, INVALID }

    public static final int MIN_RATE = 10;
    public static final int MAX_RATE = 10_000;

    public static Command parse(String text) {
        if (text.equals("start")) {
            return new Command(Kind.START, 0, null);
        }
        if (text.equals("stop")) {
            return new Command(Kind.STOP, 0, null);
        }
        if (text.startsWith("rate ")) {
            String digits = text.substring("rate ".length());
            if (digits.matches("[0-9]{1,6}")) {
                int rate = Integer.parseInt(digits);
                if (rate >= MIN_RATE && rate <= MAX_RATE) {
                    return new Command(Kind.RATE, rate, null);
                }
            }
            return invalid("the rate must be a whole number from " + MIN_RATE + " to " + MAX_RATE);
        }
        return invalid("not a command: send start, stop or rate N");
    }

    private static Command invalid(String problem) {
        return new Command(Kind.INVALID, 0, problem);
    }

    public String errorJson() {
        return "{\"error\":" + Json.string(problem) + "}";
    }
}
