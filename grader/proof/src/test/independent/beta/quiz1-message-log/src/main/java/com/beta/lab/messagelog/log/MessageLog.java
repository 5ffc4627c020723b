package com.beta.lab.messagelog.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The message log. Opened in append mode (an existing log is never
 * truncated); every line is written whole under a lock and forced to disk
 * before {@link #append} returns.
 */
public final class MessageLog implements Closeable {

    private final Path path;
    private final FileChannel channel;
    private final ReentrantLock lock = new ReentrantLock();

    private MessageLog(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    public static MessageLog open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new MessageLog(path, channel);
    }

    /** A short, one-line explanation of why the log could not be opened or written. */
    public static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return why.replace('\n', ' ').replace('\r', ' ');
    }

    public Path path() {
        return path;
    }

    public void append(String message) throws IOException {
        ZonedDateTime now = ZonedDateTime.now();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(LogLine.format(now, message));
        lock.lock();
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (channel.isOpen()) {
                channel.force(true);
                channel.close();
            }
        } catch (IOException ignored) {
            // closing at exit: nothing left to save
        } finally {
            lock.unlock();
        }
    }
}
