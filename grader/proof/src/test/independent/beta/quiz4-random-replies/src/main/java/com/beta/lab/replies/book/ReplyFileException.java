package com.beta.lab.replies.book;

/** The replies file is missing, unreadable or has no entries. */
public final class ReplyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReplyFileException(String message) {
        super(message);
    }
}
