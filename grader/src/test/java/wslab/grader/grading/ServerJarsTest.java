package wslab.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wslab.grader.Kit;
import wslab.grading.ServerArchive;
import wslab.grading.ServerJdk;

/** The servers' jars and class-data archive, made once in the cache by a real trainer run. */
@DisplayName("the servers' jars and archive")
class ServerJarsTest {

    @TempDir
    Path work;

    @Test
    @DisplayName("are made once, whole, when two graders start at once, and a server starts with them")
    void madeOnceByTwoGradersAtOnce() throws Exception {
        Path plumbing = KitClasses.of(Kit.current(), work).part(KitClasses.PLUMBING).orElseThrow();
        String libraries = Kit.serverLibraries(work);
        Path cache = work.resolve("cache");
        ServerJdk jdk = ServerJdk.running();
        List<String> javaCommand = List.of(jdk.java().toString(), "-Xmx256m");
        CompletableFuture<ServerJars.Use> first = CompletableFuture.supplyAsync(() -> ServerJars.of(plumbing, libraries, jdk, javaCommand, cache));
        ServerJars.Use second = ServerJars.of(plumbing, libraries, jdk, javaCommand, cache);
        assertEquals(first.get(), second);

        Path archive = second.archive().orElseThrow();
        assertTrue(Files.size(archive) > 0, "an archive in " + archive.getParent());
        assertTrue(second.classPath().startsWith(archive.getParent().resolve("0-plumbing.jar").toString()), second.classPath());
        try (Stream<Path> folders = Files.list(cache.resolve("servers")); Stream<Path> files = Files.list(archive.getParent())) {
            assertEquals(List.of(archive.getParent()), folders.toList(), "one folder, no partial one left");
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("partial-")), "no partial archive left");
        }

        // a server from those jars, the archive given, starts and runs the trainer's echo as it would without
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(ServerArchive.useOptions(jdk, archive));
        command.addAll(List.of("-cp", second.classPath() + File.pathSeparator + work, "wslab.plumbing.ParentWatch",
                ArchiveTrainer.class.getName(), "--port", "0"));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        server.getOutputStream().close();
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "ended");
        String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, server.exitValue(), output);
        assertTrue(output.matches("LISTENING AT 127\\.0\\.0\\.1:\\d+\\R"), "only the ready line: " + output);
    }

    @Test
    @DisplayName("are deleted once no grader has used them for 30 days, and partial ones after an hour")
    void cleaned() throws Exception {
        Path servers = Files.createDirectories(work.resolve("servers"));
        Instant now = Instant.now();
        Path used = Files.createDirectories(servers.resolve("used"));
        Path old = Files.createDirectories(servers.resolve("old"));
        Files.writeString(old.resolve("server.jsa"), "archive");
        Path partial = Files.createDirectories(servers.resolve("new.partial-1"));
        Path writing = Files.createDirectories(servers.resolve("new.partial-2"));
        Files.setLastModifiedTime(used, FileTime.from(now.minus(Duration.ofDays(ServerJars.UNUSED_DAYS - 1))));
        Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofDays(ServerJars.UNUSED_DAYS + 1))));
        Files.setLastModifiedTime(partial, FileTime.from(now.minus(Duration.ofMinutes(61))));
        ServerJars.clean(servers, now);
        try (Stream<Path> left = Files.list(servers)) {
            assertEquals(java.util.Set.of(used, writing), left.collect(java.util.stream.Collectors.toSet()));
        }
    }
}
