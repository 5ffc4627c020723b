package wslab.selfcheck;

import java.util.Map;
import wslab.grading.CheckSupport;

/**
 * The checks' support as the grader sees it: registered in {@code META-INF/services/wslab.grading.CheckSupport}
 * (checks/src/main/resources), where the grader finds it with {@link java.util.ServiceLoader}.
 */
public final class GradingSupport implements CheckSupport {

    @Override
    public void requireBrowser(Map<String, String> settings) {
        Browser.require(settings);
    }

    @Override
    public String browser() {
        return Browser.description();
    }

    @Override
    public void quitBrowser() {
        Browser.quitNow();
    }

    @Override
    public String sandbox() {
        return Sandbox.description();
    }

    @Override
    public Timings timings() {
        return new Timings(LessonProcess.readyStarts(), LessonProcess.readySeconds(), Browser.startSeconds());
    }
}
