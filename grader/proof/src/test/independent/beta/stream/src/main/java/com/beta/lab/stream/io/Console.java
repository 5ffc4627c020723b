package com.beta.lab.stream.io;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Console output in UTF-8 whatever the platform default is. Every line is
 * written whole (never interleaved with another thread's line) and flushed.
 */
public final class Console {

    private static final Console INSTANCE = new Console();

    private final ReentrantLock lock = new ReentrantLock();
    private final PrintStream out;
    private final PrintStream err;

    private Console() {
        out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        err = new PrintStream(new FileOutputStream(FileDescriptor.err), false, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
    }

    public static Console get() {
        return INSTANCE;
    }

    /** One line on stdout, flushed. */
    public void line(String text) {
        write(out, text);
    }

    /** One line on stderr, flushed. */
    public void error(String text) {
        write(err, text);
    }

    private void write(PrintStream stream, String text) {
        lock.lock();
        try {
            stream.print(text);
            stream.print('\n');
            stream.flush();
        } finally {
            lock.unlock();
        }
    }
}
