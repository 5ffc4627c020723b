package wslab.grader.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Processor time spent so far: the grader's own, its finished children's (servers), the live ones' (browser). */
public final class Cpu {

    private static final double TICK = 0.01;

    private Cpu() {
    }

    /** A one-line account, or an empty string where /proc is not there to read. */
    public static String account() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double own = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK;
            double finished = (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * TICK;
            double live = ProcessHandle.current().descendants()
                    .mapToDouble(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L) / 1e3).sum();
            return String.format(Locale.ROOT, "processor time: %.1f s in all; grader %.1f s, finished servers %.1f s,"
                    + " browser and other live processes %.1f s", own + finished + live, own, finished, live);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
