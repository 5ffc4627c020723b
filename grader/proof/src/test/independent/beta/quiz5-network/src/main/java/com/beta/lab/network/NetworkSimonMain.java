package com.beta.lab.network;

import com.beta.lab.network.cli.CommandLine;
import com.beta.lab.network.cli.HelpRequested;
import com.beta.lab.network.cli.Settings;
import com.beta.lab.network.cli.UsageException;
import com.beta.lab.network.io.Console;
import com.beta.lab.network.net.NetworkSimonServer;
import com.beta.lab.network.net.ServerRunner;
import com.beta.lab.network.net.Startup;

/** Lesson "quiz5-network": entry point. */
public final class NetworkSimonMain {

    private NetworkSimonMain() {
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
        NetworkSimonServer server = new NetworkSimonServer(settings.socketAddress(), settings.host(), console, startup);
        ServerRunner.run(server, startup, settings.host(), settings.port(), console, null);
    }
}
