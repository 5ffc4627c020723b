package com.beta.lab.clock;

import com.beta.lab.clock.cli.CommandLine;
import com.beta.lab.clock.cli.HelpRequested;
import com.beta.lab.clock.cli.Settings;
import com.beta.lab.clock.cli.UsageException;
import com.beta.lab.clock.io.Console;
import com.beta.lab.clock.net.ClockEchoServer;
import com.beta.lab.clock.net.Outbox;
import com.beta.lab.clock.net.ServerRunner;
import com.beta.lab.clock.net.Startup;
import com.beta.lab.clock.time.ClockTicker;
import com.beta.lab.clock.time.IsoClock;

/** Lesson "quiz3-clock": entry point. */
public final class ClockMain {

    private ClockMain() {
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
        ClockEchoServer server = new ClockEchoServer(settings.socketAddress(), settings.host(), console, startup);
        ClockTicker ticker = new ClockTicker(settings.interval(), IsoClock.system(), Outbox::send);
        server.useTicker(ticker);
        ServerRunner.run(server, startup, settings.host(), settings.port(), console, ticker::stop);
    }
}
