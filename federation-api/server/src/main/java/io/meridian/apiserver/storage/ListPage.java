package io.meridian.apiserver.storage;

import java.util.List;

/**
 * One page of a range read, all of it at a single revision.
 *
 * @param items the keys in key order
 * @param revision the store revision the page was read at; later pages must read at it too
 * @param more whether keys remain after the last item
 * @param remaining how many keys remain after this page (etcd's count minus what was returned)
 */
public record ListPage(List<KeyValue> items, long revision, boolean more, long remaining) {}
