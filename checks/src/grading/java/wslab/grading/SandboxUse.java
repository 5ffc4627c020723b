package wslab.grading;

/**
 * Whether the students' servers run in a sandbox: which, with its limits, or why they run without one.
 *
 * @param sandboxed whether they do
 * @param detail    the sandbox and its limits when they do; why not when they do not
 */
public record SandboxUse(boolean sandboxed, String detail) {

    /** The servers run in the sandbox {@code description} (what it is, and its limits). */
    public static SandboxUse in(String description) {
        return new SandboxUse(true, description);
    }

    /** The servers run without a sandbox, because {@code why}. */
    public static SandboxUse none(String why) {
        return new SandboxUse(false, why);
    }

    /** One line for the reports: the sandbox and its limits, or {@code not sandboxed: } and why. */
    public String line() {
        return sandboxed ? detail : "not sandboxed: " + detail;
    }
}
