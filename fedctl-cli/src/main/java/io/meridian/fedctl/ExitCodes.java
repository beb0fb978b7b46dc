package io.meridian.fedctl;

/** The exit codes of {@code fedctl}, the same for every command. */
public final class ExitCodes {

    private ExitCodes() {}

    /** Done: everything asked for happened (for {@code apply}: every workload is ready). */
    public static final int OK = 0;

    /**
     * A failure: unreachable API, refused request, bad input, unknown kind or cluster, a refused
     * {@code unjoin}.
     */
    public static final int ERROR = 1;

    /** The command line itself is wrong: an unknown option, a missing argument (picocli's own code). */
    public static final int USAGE = 2;

    /** Waiting ran out: workloads not ready, or a drain not finished, within {@code --timeout}. */
    public static final int TIMEOUT = 3;
}
