package wslab.plumbing;

/** Plumbing: a bad option value; the launcher prints it with the usage line and exits with status 2. */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message);
    }
}
