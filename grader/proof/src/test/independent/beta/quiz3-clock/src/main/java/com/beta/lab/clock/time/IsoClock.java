package com.beta.lab.clock.time;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** The current system time as ISO-8601 text with its zone offset, e.g. 2026-11-24T19:30:00.123+01:00. */
public final class IsoClock {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private final Clock clock;

    public IsoClock(Clock clock) {
        this.clock = clock;
    }

    public static IsoClock system() {
        return new IsoClock(Clock.systemDefaultZone());
    }

    public String now() {
        return OffsetDateTime.now(clock).format(FORMAT);
    }
}
