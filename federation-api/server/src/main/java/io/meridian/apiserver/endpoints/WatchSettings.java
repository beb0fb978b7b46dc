package io.meridian.apiserver.endpoints;

import java.time.Duration;

/**
 * How watch streams behave.
 *
 * @param queueCapacity events a watcher may fall behind before it is closed
 * @param bookmarkInterval how often an idle watch that asked for bookmarks gets one
 * @param minTimeout shortest server-side watch duration when the client sets none
 */
public record WatchSettings(int queueCapacity, Duration bookmarkInterval, Duration minTimeout) {}
