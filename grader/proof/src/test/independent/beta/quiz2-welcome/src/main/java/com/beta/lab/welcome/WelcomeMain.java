package com.beta.lab.welcome;

import com.beta.lab.welcome.cli.CommandLine;
import com.beta.lab.welcome.cli.HelpRequested;
import com.beta.lab.welcome.cli.Settings;
import com.beta.lab.welcome.cli.UsageException;
import com.beta.lab.welcome.io.Console;
import com.beta.lab.welcome.net.Greeting;
import com.beta.lab.welcome.net.ServerRunner;
import com.beta.lab.welcome.net.Startup;
import com.beta.lab.welcome.net.WelcomeEchoServer;

/** Lesson "quiz2-welcome": entry point. */
public final class WelcomeMain {

    private WelcomeMain() {
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
        WelcomeEchoServer server = new WelcomeEchoServer(
                settings.socketAddress(), settings.host(), console, startup, Greeting.standard());
        ServerRunner.run(server, startup, settings.host(), settings.port(), console, null);
    }
}
