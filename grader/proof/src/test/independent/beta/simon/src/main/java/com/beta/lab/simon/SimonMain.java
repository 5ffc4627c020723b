package com.beta.lab.simon;

import com.beta.lab.simon.cli.CommandLine;
import com.beta.lab.simon.cli.HelpRequested;
import com.beta.lab.simon.cli.Settings;
import com.beta.lab.simon.cli.UsageException;
import com.beta.lab.simon.io.Console;
import com.beta.lab.simon.net.SimonServer;
import com.beta.lab.simon.net.ServerRunner;
import com.beta.lab.simon.net.Startup;

/** Lesson "simon": entry point. */
public final class SimonMain {

    private SimonMain() {
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
        SimonServer server = new SimonServer(settings.socketAddress(), settings.host(), console, startup);
        ServerRunner.run(server, startup, settings.host(), settings.port(), console, null);
    }
}
