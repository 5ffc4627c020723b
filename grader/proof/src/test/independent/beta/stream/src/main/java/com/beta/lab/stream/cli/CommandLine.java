package com.beta.lab.stream.cli;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A very small hand-written parser for long options.
 * Both spellings are accepted: {@code --port 9001} and {@code --port=9001}.
 * An option given twice keeps its last value.
 */
public final class CommandLine {

    private final String program;
    private final Map<String, String> known = new LinkedHashMap<>(); // option name -> metavar

    public CommandLine(String program) {
        this.program = program;
    }

    public CommandLine option(String name, String metavar) {
        known.put(name, metavar);
        return this;
    }

    /** The one-line usage message. */
    public String usage() {
        StringBuilder sb = new StringBuilder("usage: ").append(program);
        known.forEach((name, metavar) -> sb.append(" [--").append(name).append(' ').append(metavar).append(']'));
        return sb.toString();
    }

    public Map<String, String> parse(String[] args) throws UsageException {
        Map<String, String> values = new HashMap<>();
        int i = 0;
        while (i < args.length) {
            String arg = args[i++];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            if (!known.containsKey(name)) {
                throw new UsageException("unknown option '--" + name + "'");
            }
            String value;
            if (eq >= 0) {
                value = body.substring(eq + 1);
            } else if (i < args.length) {
                value = args[i++];
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
            values.put(name, value);
        }
        return Collections.unmodifiableMap(values);
    }
}
