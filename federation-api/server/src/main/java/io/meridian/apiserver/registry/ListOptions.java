package io.meridian.apiserver.registry;

import io.meridian.apiserver.selection.FieldSelector;
import io.meridian.apiserver.selection.LabelSelector;

/**
 * A list or watch request's options, as the query parameters of kube-apiserver.
 *
 * @param labelSelector parsed {@code labelSelector}
 * @param fieldSelector parsed {@code fieldSelector}
 * @param resourceVersion the {@code resourceVersion} parameter, or null
 * @param resourceVersionMatch {@code Exact}, {@code NotOlderThan}, or null
 * @param limit {@code limit}, 0 for none
 * @param continueToken {@code continue}, or null
 */
public record ListOptions(
        LabelSelector labelSelector,
        FieldSelector fieldSelector,
        String resourceVersion,
        String resourceVersionMatch,
        long limit,
        String continueToken) {

    public static final ListOptions ALL =
            new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, null, null, 0, null);
}
