package com.beta.lab.stream;

import com.beta.lab.stream.cli.CommandLine;
import com.beta.lab.stream.cli.HelpRequested;
import com.beta.lab.stream.cli.Settings;
import com.beta.lab.stream.cli.UsageException;
import com.beta.lab.stream.io.Console;
import com.beta.lab.stream.net.ServerRunner;
import com.beta.lab.stream.net.Startup;
import com.beta.lab.stream.net.StreamSocketServer;
import com.beta.lab.stream.pacing.Metronome;

/** Lesson "stream": entry point. */
public final class StreamMain {

    private StreamMain() {
    }

    public static void main(String[] args) {
        Console console = Console.get();
        CommandLine cli = Settings.commandLine();
        Settings settings;
        try {
            settings = Settings.from(cli.parse(args));
        } catch (HelpRequested help) {
            console.line(cli.usage());
            return;
        } catch (UsageException bad) {
            console.error(cli.usage() + "   (" + bad.getMessage() + ")");
            System.exit(2);
            return;
        }
        Startup startup = new Startup();
        Metronome metronome = new Metronome();
        StreamSocketServer server = new StreamSocketServer(
                settings.socketAddress(), settings.host(), settings.frame(), metronome, console, startup);
        ServerRunner.run(server, startup, settings.host(), settings.port(), console, metronome::stop);
    }
}
