package io.meridian.apiserver.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the API server, under {@code meridian.api}.
 *
 * @param mode {@code federation} serves the meridian.io kinds as well as the native ones; {@code member}
 *     serves native kinds only, as a simulated member cluster does
 * @param etcd the etcd ring
 * @param watch the watch cache and watch streams
 */
@ConfigurationProperties("meridian.api")
public record ApiServerProperties(
        @DefaultValue("federation") Mode mode,
        @DefaultValue Etcd etcd,
        @DefaultValue Watch watch) {

    public enum Mode {
        FEDERATION,
        MEMBER
    }

    /**
     * @param endpoints client URLs of the ring's members, e.g. {@code http://127.0.0.1:2379}
     * @param prefix key prefix under which all objects are stored
     * @param requestTimeout deadline of every etcd request; a ring without quorum answers 504 after it
     * @param connectTimeout deadline for connecting to a member
     */
    public record Etcd(
            @DefaultValue("http://127.0.0.1:2379") List<String> endpoints,
            @DefaultValue("/meridian/registry") String prefix,
            @DefaultValue("4s") Duration requestTimeout,
            @DefaultValue("3s") Duration connectTimeout) {}

    /**
     * @param historyEvents events kept per resource for clients resuming a watch
     * @param historyRevisions how far back (in etcd revisions) a cache replays history when it starts
     * @param queueCapacity events a watcher may fall behind before it is closed
     * @param bookmarkInterval how often idle watches that asked for bookmarks get one
     * @param minTimeout shortest watch duration when the client sets no timeoutSeconds
     */
    public record Watch(
            @DefaultValue("10000") int historyEvents,
            @DefaultValue("10000") long historyRevisions,
            @DefaultValue("1024") int queueCapacity,
            @DefaultValue("5s") Duration bookmarkInterval,
            @DefaultValue("30m") Duration minTimeout) {}
}
