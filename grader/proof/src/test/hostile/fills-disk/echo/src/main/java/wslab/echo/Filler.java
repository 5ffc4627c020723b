package wslab.echo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The attack: before serving, fills the disk from its working folder: many files (300 of 1 MB), then one
 * file that grows (to 96 MB), until a write fails; then it fails as such code does, with the error on
 * stderr. Bounded: 396 MB in all.
 */
final class Filler {

    private static final int MB = 1024 * 1024;
    private static final int MANY = 300;
    private static final int GROWN_MB = 96;

    private Filler() {
    }

    static void fill() throws IOException {
        long start = System.nanoTime();
        System.out.printf("fill: writing 300 files of 1 MB, then one file growing to 96 MB, %.1f s after the JVM started%n",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        byte[] block = new byte[MB];
        java.util.Arrays.fill(block, (byte) 'x');
        long written = 0;
        int files = 0;
        try {
            Path many = Files.createDirectories(Path.of("many"));
            for (; files < MANY; files++) {
                Files.write(many.resolve("file-" + files), block);
                written += MB;
            }
            try (OutputStream out = Files.newOutputStream(Path.of("one-growing-file"))) {
                for (int i = 0; i < GROWN_MB; i++) {
                    out.write(block);
                    written += MB;
                }
            }
        } catch (IOException e) {
            System.err.printf("fill: %d files and %d MB written in %.1f s, then %s%n", files, written / MB,
                    (System.nanoTime() - start) / 1e9, e);
            throw e;
        }
        System.out.printf("fill: %d files and %d MB written in %.1f s, no limit met%n", files, written / MB,
                (System.nanoTime() - start) / 1e9);
    }
}
