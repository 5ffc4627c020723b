package com.beta.lab.messagelog.log;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Formatting of one log line: {@code <ISO-8601 timestamp>\t<escaped message>}. */
public final class LogLine {

    /** e.g. 2026-11-24T19:30:00.123+01:00, or ...Z at UTC. DateTimeFormatter is immutable and thread-safe. */
    public static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private LogLine() {
    }

    public static String format(ZonedDateTime when, String message) {
        return STAMP.format(when) + '\t' + escape(message) + '\n';
    }

    /** Backslash, line feed and carriage return escaped, so that a message is always one line. */
    public static String escape(String message) {
        StringBuilder sb = new StringBuilder(message.length() + 16);
        message.chars().forEach(c -> {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append((char) c);
            }
        });
        return sb.toString();
    }
}
