package io.meridian.reconciler;

import java.time.Duration;

/**
 * What a reconcile asks of the engine: nothing more ({@link #DONE}), or another look after a
 * while (for state that changes without an event, such as a timeout). Failures are exceptions;
 * the engine retries them with per-key exponential backoff, never the reconciler itself.
 *
 * @param requeueAfter when to reconcile the key again, or null for never (until the next event)
 */
public record Result(Duration requeueAfter) {

    public static final Result DONE = new Result(null);

    public static Result requeueAfter(Duration after) {
        return new Result(after);
    }
}
