package wslab.checks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads UTF-8 text line by line, keeping at most 256 Ki characters of each line: a server that prints or
 * logs a huge message costs the checks no huge string, however often they read it.
 */
public final class BoundedLines {

    static final int LINE_CHAR_LIMIT = 256 * 1024;

    private BoundedLines() {
    }

    /** The lines of {@code file} (none if it does not exist), each cut to the limit. */
    public static List<String> of(Path file) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            forEach(in, lines::add);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** Hands each line of {@code in} to {@code line} as it is read: without its line break, cut to the limit. */
    static void forEach(InputStream in, Consumer<String> line) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        char[] buffer = new char[8192];
        StringBuilder kept = new StringBuilder();
        long length = 0;
        int read;
        while ((read = reader.read(buffer)) != -1) {
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    length = keep(kept, length, buffer, start, i);
                    line.accept(finish(kept, length));
                    kept.setLength(0);
                    length = 0;
                    start = i + 1;
                }
            }
            length = keep(kept, length, buffer, start, read);
        }
        if (length > 0) {
            line.accept(finish(kept, length));
        }
    }

    private static long keep(StringBuilder kept, long length, char[] buffer, int from, int to) {
        int room = (int) Math.max(0, Math.min(to - from, LINE_CHAR_LIMIT + 1 - kept.length()));
        kept.append(buffer, from, room);
        return length + (to - from);
    }

    private static String finish(StringBuilder kept, long length) {
        if (length > LINE_CHAR_LIMIT) {
            return kept.substring(0, LINE_CHAR_LIMIT) + "... (" + length + " characters)";
        }
        int end = kept.length() > 0 && kept.charAt(kept.length() - 1) == '\r' ? kept.length() - 1 : kept.length();
        return kept.substring(0, end);
    }
}
