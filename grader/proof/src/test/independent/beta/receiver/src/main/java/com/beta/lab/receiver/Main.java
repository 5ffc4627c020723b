package com.beta.lab.receiver;

import com.beta.lab.receiver.cli.CommandLine;
import com.beta.lab.receiver.cli.HelpRequested;
import com.beta.lab.receiver.cli.Settings;
import com.beta.lab.receiver.cli.UsageException;
import com.beta.lab.receiver.io.Console;
import com.beta.lab.receiver.net.ReceiverServer;
import com.beta.lab.receiver.net.ServerRunner;
import com.beta.lab.receiver.net.Startup;

/** Lesson "receiver": entry point. */
public final class Main {

    private Main() {
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
        ReceiverServer server = new ReceiverServer(settings.socketAddress(), settings.host(), console, startup);
        ServerRunner.run(server, startup, settings.host(), settings.port(), console, null);
    }
}
