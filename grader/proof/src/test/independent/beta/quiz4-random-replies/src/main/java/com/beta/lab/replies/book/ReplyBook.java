package com.beta.lab.replies.book;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The list of replies, read once at start-up; immutable afterwards, so any thread may pick. */
public final class ReplyBook {

    private static final char BOM = '\uFEFF';

    private final List<String> entries;

    private ReplyBook(List<String> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the file: UTF-8, one entry per line; blank lines and lines
     * starting with '#' are skipped.
     */
    public static ReplyBook load(Path file) throws ReplyFileException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ReplyFileException("replies file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new ReplyFileException("replies file " + file + " cannot be read (permission denied)");
        } catch (CharacterCodingException e) {
            throw new ReplyFileException("replies file " + file + " is not valid UTF-8");
        } catch (IOException | SecurityException e) {
            throw new ReplyFileException("replies file " + file + " cannot be read ("
                    + String.valueOf(e.getMessage()).replace('\n', ' ') + ")");
        }
        if (!lines.isEmpty() && !lines.get(0).isEmpty() && lines.get(0).charAt(0) == BOM) {
            lines.set(0, lines.get(0).substring(1));
        }
        List<String> entries = lines.stream()
                .filter(line -> !line.isBlank())
                .filter(line -> !line.startsWith("#"))
                .toList();
        if (entries.isEmpty()) {
            throw new ReplyFileException("replies file " + file + " has no replies in it");
        }
        return new ReplyBook(entries);
    }

    /** One entry, every entry equally likely. */
    public String pick() {
        return entries.get(ThreadLocalRandom.current().nextInt(entries.size()));
    }

    public int size() {
        return entries.size();
    }
}
