package wslab.checks.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import wslab.grading.CheckOutcome;
import wslab.grading.Setting;

/**
 * The self-check's console, as the student reads it: one line per check ({@code [OK]} passed, {@code [XX]}
 * failed, {@code [..]} waiting for the lesson's basic rule), then each failure under its check's name, and
 * the checks that wait, folded into one line. On only where {@code wslab.checklist} is {@code true} (the
 * lessons' self-check); the grader reports in its own way.
 */
public final class Checklist implements TestExecutionListener {

    private enum Mark {
        OK("[OK]"), FAILED("[XX]"), WAITING("[..]");

        final String shown;

        Mark(String shown) {
            this.shown = shown;
        }
    }

    private record Outcome(String name, Mark mark, String message) {
    }

    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    private TestPlan plan;
    private boolean on;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        on = testPlan.getConfigurationParameters().getBoolean(Setting.CHECKLIST.key()).orElse(false);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!on) {
            return;
        }
        String message = result.getThrowable().map(Checklist::describe).orElse("");
        if (id.isTest()) {
            Mark mark = switch (result.getStatus()) {
                case SUCCESSFUL -> Mark.OK;
                case ABORTED -> Mark.WAITING;
                case FAILED -> Mark.FAILED;
            };
            outcomes.put(id.getUniqueId(), new Outcome(id.getDisplayName(), mark, message));
        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            // the class could not start its server: every check it holds fails for that reason
            for (TestIdentifier test : plan.getDescendants(id)) {
                if (test.isTest() && !outcomes.containsKey(test.getUniqueId())) {
                    outcomes.put(test.getUniqueId(), new Outcome(test.getDisplayName(), Mark.FAILED,
                            CheckOutcome.serverNotStarted(message)));
                }
            }
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (on) {
            List<TestIdentifier> tests = id.isTest() ? List.of(id) : new ArrayList<>(plan.getDescendants(id));
            tests.stream().filter(TestIdentifier::isTest).forEach(test -> outcomes.put(test.getUniqueId(),
                    new Outcome(test.getDisplayName(), Mark.WAITING, CheckOutcome.NOT_RUN + reason)));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (on) {
            print(System.out);
        }
    }

    private void print(PrintStream out) {
        List<Outcome> all = new ArrayList<>(outcomes.values());
        long passed = count(all, Mark.OK);
        long failed = count(all, Mark.FAILED);
        long waiting = count(all, Mark.WAITING);
        out.println(title() + ": " + (passed == all.size() ? "all " + all.size() + " checks passed"
                : passed + " of " + all.size() + " checks passed, " + failed + " failed"
                        + (waiting > 0 ? ", " + waiting + " waiting" : "")));
        all.forEach(o -> out.println(o.mark().shown + " " + o.name()));
        for (Outcome o : all) {
            if (o.mark() == Mark.FAILED) {
                out.println();
                out.println(o.mark().shown + " " + o.name());
                o.message().lines().forEach(line -> out.println("     " + line));
            }
        }
        Map<String, List<Outcome>> waits = new LinkedHashMap<>();
        all.stream().filter(o -> o.mark() == Mark.WAITING)
                .forEach(o -> waits.computeIfAbsent(o.message(), m -> new ArrayList<>()).add(o));
        waits.forEach((message, checks) -> {
            out.println();
            out.println(Mark.WAITING.shown + " " + (checks.size() == 1 ? checks.get(0).name()
                    : checks.size() + " checks wait" + (checks.size() == waiting ? "" : " (" + names(checks) + ")")) + ": "
                    + message.lines().findFirst().orElse(""));
            message.lines().skip(1).forEach(line -> out.println("     " + line));
        });
        out.println();
    }

    private String title() {
        return plan.getRoots().stream().flatMap(root -> plan.getChildren(root).stream())
                .map(TestIdentifier::getDisplayName).findFirst().orElse("self-check");
    }

    private static String names(List<Outcome> checks) {
        return String.join("; ", checks.stream().map(Outcome::name).toList());
    }

    private static long count(List<Outcome> all, Mark mark) {
        return all.stream().filter(o -> o.mark() == mark).count();
    }

    /** A failure as the student reads it: a check's report as it is; anything else with where it came from. */
    private static String describe(Throwable failure) {
        if (failure instanceof AssertionError || failure instanceof org.opentest4j.TestAbortedException) {
            return String.valueOf(failure.getMessage());
        }
        StringBuilder text = new StringBuilder(failure.toString());
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("wslab.")) {
                text.append("\n  at ").append(frame);
                break;
            }
        }
        return text.toString();
    }
}
