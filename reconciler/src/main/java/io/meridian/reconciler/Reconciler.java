package io.meridian.reconciler;

/**
 * A level-triggered control loop: given a key, read the desired and the observed state afresh and
 * make them converge. It must not depend on what event led here, and an object that is gone means
 * there is nothing to do (or only cleanup). Throwing asks the engine to retry with backoff.
 *
 * @param <K> the key type, usually {@link ObjectKey}
 */
@FunctionalInterface
public interface Reconciler<K> {

    Result reconcile(K key) throws Exception;
}
