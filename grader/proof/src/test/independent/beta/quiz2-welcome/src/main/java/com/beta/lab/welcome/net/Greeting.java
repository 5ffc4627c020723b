package com.beta.lab.welcome.net;

/** The welcome text sent to each new client before anything else. */
public record Greeting(String text) {

    public Greeting {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a welcome message must not be empty");
        }
    }

    public static Greeting standard() {
        return new Greeting("Welcome! Type anything and I will send it back to you.");
    }
}
