package com.beta.lab.stream.pacing;

/** The little JSON this server writes. */
final class Json {

    private Json() {
    }

    static String string(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String frame(long seq, long first, int rate, long dropped, int[] samples) {
        StringBuilder sb = new StringBuilder(80 + 5 * samples.length);
        sb.append("{\"seq\":").append(seq)
          .append(",\"first\":").append(first)
          .append(",\"rate\":").append(rate)
          .append(",\"dropped\":").append(dropped)
          .append(",\"samples\":[");
        for (int i = 0; i < samples.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(samples[i]);
        }
        return sb.append("]}").toString();
    }
}
