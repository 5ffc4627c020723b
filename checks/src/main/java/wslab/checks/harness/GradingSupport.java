package wslab.checks.harness;

import java.util.List;
import java.util.Map;
import wslab.grading.CheckSupport;
import wslab.grading.SandboxUse;
import wslab.grading.ServerJdk;

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
    public SandboxUse sandbox() {
        return Sandbox.use();
    }

    @Override
    public List<String> serverJava(ServerJdk jdk) {
        return ServerCommand.java(jdk, false);
    }

    @Override
    public Timings timings() {
        return new Timings(ServerStarts.count(), ServerStarts.seconds(), Browser.startSeconds());
    }
}
