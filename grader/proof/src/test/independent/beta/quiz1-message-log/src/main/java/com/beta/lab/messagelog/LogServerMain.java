package com.beta.lab.messagelog;

import com.beta.lab.messagelog.cli.CommandLine;
import com.beta.lab.messagelog.cli.HelpRequested;
import com.beta.lab.messagelog.cli.Settings;
import com.beta.lab.messagelog.cli.UsageException;
import com.beta.lab.messagelog.io.Console;
import com.beta.lab.messagelog.log.MessageLog;
import com.beta.lab.messagelog.net.LoggingReceiverServer;
import com.beta.lab.messagelog.net.ServerRunner;
import com.beta.lab.messagelog.net.Startup;
import java.io.IOException;

/** Lesson "quiz1-message-log": entry point. */
public final class LogServerMain {

    private LogServerMain() {
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
        MessageLog log;
        try {
            log = MessageLog.open(settings.logFile());
        } catch (IOException | RuntimeException e) {
            console.error("error: cannot open log file " + settings.logFile() + ": " + MessageLog.reason(e));
            System.exit(1);
            return;
        }
        Startup startup = new Startup();
        LoggingReceiverServer server = new LoggingReceiverServer(
                settings.socketAddress(), settings.host(), console, startup, log);
        ServerRunner.run(server, startup, settings.host(), settings.port(), console, log::close);
    }
}
