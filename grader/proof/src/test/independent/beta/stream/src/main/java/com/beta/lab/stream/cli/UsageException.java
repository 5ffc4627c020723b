package com.beta.lab.stream.cli;

/** The command line could not be understood; the message says why (one line). */
public class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String reason) {
        super(reason);
    }
}
