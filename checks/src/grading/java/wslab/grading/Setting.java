package wslab.grading;

/**
 * The settings the grader gives the checks, as JUnit configuration parameters (a lesson's own build may give
 * them as system properties, {@code -Dkey=value}). Each is named by its key here only: the grader and the checks
 * both use this enum, so that neither can name a setting the other does not know.
 */
public enum Setting {

    /** The folder of the lesson's compiled server, where its main class is found (by default the module's target/classes). */
    SERVER_CLASSES("wslab.server.classes"),
    /** The class path the lesson's server runs with (by default the module's own). */
    SERVER_CLASSPATH("wslab.server.classpath"),
    /** The folder of the JDK the lesson's servers run with ({@link ServerJdk}; by default the one that runs the checks). */
    SERVER_JAVA("wslab.server.java"),
    /** The class-data archive the lesson's server starts with ({@link ServerArchive}), used when it is there. */
    SERVER_ARCHIVE("wslab.server.archive"),
    /** The kit's {@code web/} folder, whose pages the page checks open. */
    WEB("wslab.web"),
    /** The folder where a failed page check writes its screenshot. */
    SCREENSHOTS("wslab.screenshots"),
    /** The folder inside which each class of checks keeps its files (the grader's own working folder). */
    SCRATCH("wslab.scratch"),
    /** The seconds a lesson's checks may take in all (180 when not given). */
    LESSON_LIMIT("wslab.lesson.limit"),
    /** {@code true}: the checks print their checklist, as the lessons' self-check does. */
    CHECKLIST("wslab.checklist"),
    /** Grades without a browser: the page checks are reported as not run. */
    NO_BROWSER("wslab.no.browser"),
    /** {@code off} (a system property): the students' servers run as plain processes, not in the sandbox. */
    SANDBOX("wslab.sandbox"),
    /** The address of this computer where the servers listen and the pages are served, for browsers elsewhere. */
    SERVER_HOST("wslab.server.host"),
    /** The URL of a Selenium Grid whose browsers run the page checks. */
    SELENIUM_REMOTE("selenium.remote");

    private final String key;

    Setting(String key) {
        this.key = key;
    }

    /** The setting's name as a configuration parameter or a system property, e.g. {@code wslab.web}. */
    public String key() {
        return key;
    }
}
