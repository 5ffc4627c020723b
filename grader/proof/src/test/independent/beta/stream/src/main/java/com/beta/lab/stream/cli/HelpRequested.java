package com.beta.lab.stream.cli;

/** Thrown by the parser when the user asked for --help. */
public final class HelpRequested extends UsageException {
    private static final long serialVersionUID = 1L;

    public HelpRequested() {
        super("help requested");
    }
}
