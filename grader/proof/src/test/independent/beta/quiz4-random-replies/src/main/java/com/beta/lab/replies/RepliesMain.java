package com.beta.lab.replies;

import com.beta.lab.replies.book.ReplyBook;
import com.beta.lab.replies.book.ReplyFileException;
import com.beta.lab.replies.cli.CommandLine;
import com.beta.lab.replies.cli.HelpRequested;
import com.beta.lab.replies.cli.Settings;
import com.beta.lab.replies.cli.UsageException;
import com.beta.lab.replies.io.Console;
import com.beta.lab.replies.net.RandomReplyServer;
import com.beta.lab.replies.net.ServerRunner;
import com.beta.lab.replies.net.Startup;

/** Lesson "quiz4-random-replies": entry point. */
public final class RepliesMain {

    private RepliesMain() {
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
        ReplyBook book;
        try {
            book = ReplyBook.load(settings.repliesFile());
        } catch (ReplyFileException e) {
            console.error("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        Startup startup = new Startup();
        RandomReplyServer server = new RandomReplyServer(
                settings.socketAddress(), settings.host(), console, startup, book);
        ServerRunner.run(server, startup, settings.host(), settings.port(), console, null);
    }
}
