package com.beta.lab.echo;

import com.beta.lab.echo.cli.CommandLine;
import com.beta.lab.echo.cli.HelpRequested;
import com.beta.lab.echo.cli.Settings;
import com.beta.lab.echo.cli.UsageException;
import com.beta.lab.echo.io.Console;
import com.beta.lab.echo.net.EchoServer;
import com.beta.lab.echo.net.ServerRunner;
import com.beta.lab.echo.net.Startup;

/** Lesson "echo": entry point. */
public final class EchoMain {

    private EchoMain() {
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
        EchoServer server = new EchoServer(settings.socketAddress(), settings.host(), console, startup);
        ServerRunner.run(server, startup, settings.host(), settings.port(), console, null);
    }
}
