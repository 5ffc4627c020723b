package wslab.checks.harness;

import java.util.List;
import java.util.stream.Collectors;
import wslab.checks.rules.Enforces;
import wslab.checks.rules.Rule;

/**
 * What a failed check tells the student: the rule, what was sent, what was expected, what came back,
 * a hint, and the last lines of the server's console.
 */
public final class Report {

    private static final int SHOWN_CHARS = 120;
    private final StringBuilder text = new StringBuilder();

    private Report(String rule) {
        text.append("rule: ").append(rule);
    }

    public static Report of(String rule) {
        return new Report(rule);
    }

    public Report sent(String what) {
        return line("sent", what);
    }

    public Report expected(String what) {
        return line("expected", what);
    }

    public Report got(String what) {
        return line("got", what);
    }

    public Report hint(String what) {
        return what == null || what.isBlank() ? this : line("hint", what);
    }

    public Report console(LessonProcess server) {
        console(server.consoleTail(15), "server console (last lines):");
        server.limitReached().ifPresent(limit -> line("sandbox", "stopped the server at its limit of " + limit));
        return this;
    }

    /** A line saying that the server exited during this check, and with what status; nothing if it runs. */
    static String exited(LessonProcess server, boolean aliveBefore) {
        return aliveBefore ? server.exitStatus().stream().mapToObj(status -> "\nserver: exited during this check, "
                + "with status " + status + "; the check stopped waiting for it"
                + server.limitReached().map(limit -> "\nsandbox: stopped the server at its limit of " + limit).orElse(""))
                .findFirst().orElse("") : "";
    }

    /** The lines the server printed during this check (the last 15), as text to add to a report. */
    static String consoleSince(LessonProcess server, int fromOut, int fromErr) {
        Report lines = new Report("");
        lines.text.setLength(0);
        lines.console(server.consoleTail(15, fromOut, fromErr), "server console during this check (last lines):");
        return lines.text.toString();
    }

    private Report console(List<String> tail, String title) {
        text.append('\n').append(title);
        if (tail.isEmpty()) {
            text.append(" nothing printed");
        }
        tail.forEach(l -> text.append("\n  | ").append(abbreviate(l, 200)));
        return this;
    }

    /**
     * A failure's report with the rules its check enforces named in its first line, {@code rule A6 (RULES.md): ...},
     * so that a student finds the rule on that page; other failures (a check that could not run) are left as they are.
     */
    static String cite(String report, Enforces rules) {
        if (rules == null || !report.startsWith("rule: ")) {
            return report;
        }
        String names = java.util.Arrays.stream(rules.value()).map(Rule::name).collect(Collectors.joining(", "));
        return "rule " + names + " (RULES.md): " + report.substring("rule: ".length());
    }

    public AssertionError error() {
        return new AssertionError(text.toString());
    }

    @Override
    public String toString() {
        return text.toString();
    }

    Report line(String label, String what) {
        text.append('\n').append(label).append(": ").append(what);
        return this;
    }

    /** A message as the student reads it: quoted, control characters escaped, long text shortened. */
    public static String show(String message) {
        if (message == null) {
            return "nothing";
        }
        String escaped = message.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t").replace("\"", "\\\"");
        String shown = "\"" + abbreviate(escaped, SHOWN_CHARS) + "\"";
        return message.length() > SHOWN_CHARS ? shown + " (" + message.length() + " characters)" : shown;
    }

    public static String show(List<String> messages) {
        if (messages.isEmpty()) {
            return "nothing";
        }
        String shown = messages.stream().limit(8).map(Report::show).collect(Collectors.joining(", "));
        return messages.size() > 8 ? shown + ", ... (" + messages.size() + " in all)" : shown;
    }

    private static String abbreviate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit) + "...";
    }
}
