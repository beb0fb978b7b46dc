package io.meridian.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.registry.ListOptions;
import io.meridian.apiserver.registry.ObjectStore;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.Meta;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.table.TableConverter;
import io.meridian.apiserver.watch.WatchCache;
import io.meridian.apiserver.watch.WatchEvent;
import io.meridian.apiserver.watch.Watcher;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Watch requests: a chunked HTTP response of one JSON event per line, served from the resource's
 * {@link WatchCache}. Without a resourceVersion (or with "0") the client first gets the current
 * objects as ADDED events, read consistently from etcd, and then every change after that read.
 */
final class WatchStreams {

    private final ObjectStore objects;
    private final io.meridian.apiserver.watch.WatchCaches caches;
    private final TableConverter tables;
    private final WatchSettings settings;

    WatchStreams(
            ObjectStore objects,
            io.meridian.apiserver.watch.WatchCaches caches,
            TableConverter tables,
            WatchSettings settings) {
        this.objects = objects;
        this.caches = caches;
        this.tables = tables;
        this.settings = settings;
    }

    void serve(
            HttpServletRequest req,
            HttpServletResponse resp,
            ResourceType type,
            String namespace,
            ListOptions options,
            boolean asTable)
            throws IOException {
        Duration timeout = timeout(req.getParameter("timeoutSeconds"));
        boolean bookmarks = ApiServlet.isTrue(req.getParameter("allowWatchBookmarks"));
        boolean sendInitial = ApiServlet.isTrue(req.getParameter("sendInitialEvents"));
        if (sendInitial && !"NotOlderThan".equals(options.resourceVersionMatch())) {
            throw ApiException.invalid(
                    "meta.k8s.io",
                    "ListOptions",
                    "",
                    List.of(new io.meridian.apiserver.status.StatusCause(
                            io.meridian.apiserver.status.StatusCause.FIELD_VALUE_FORBIDDEN,
                            "Forbidden: sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan",
                            "sendInitialEvents")));
        }
        String rv = options.resourceVersion();
        Predicate<ObjectNode> selected = objects.filter(options);
        Predicate<ObjectNode> filter =
                namespace == null ? selected : o -> namespace.equals(Meta.namespace(o)) && selected.test(o);
        WatchCache cache = caches.forType(type);

        List<ObjectNode> initial = new ArrayList<>();
        long from;
        if (sendInitial || rv == null || rv.isEmpty() || rv.equals("0")) {
            ListOptions all = new ListOptions(options.labelSelector(), options.fieldSelector(), null, null, 0, null);
            ObjectNode list = objects.list(type, namespace, all);
            list.withArray("items").forEach(n -> initial.add((ObjectNode) n));
            from = Long.parseLong(list.path("metadata").path("resourceVersion").asText("0"));
        } else {
            try {
                from = Long.parseLong(rv);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid resource version: " + rv);
            }
        }

        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-cache, private");
        ServletOutputStream out = resp.getOutputStream();
        Watcher watcher;
        try {
            watcher = cache.watch(from, filter, settings.queueCapacity());
        } catch (ApiException gone) {
            // An expired resourceVersion is reported in the stream, as kube-apiserver's cacher does.
            out.write(WatchEvent.render(WatchEvent.Type.ERROR, gone.toStatus()));
            out.flush();
            return;
        }
        try {
            resp.flushBuffer();
            for (ObjectNode obj : initial) {
                write(out, type, WatchEvent.Type.ADDED, obj, asTable, req, null);
            }
            long lastBookmark = from;
            if (sendInitial) {
                ObjectNode mark = bookmark(type, from);
                ((ObjectNode) mark.get("metadata")).putObject("annotations").put("k8s.io/initial-events-end", "true");
                out.write(WatchEvent.render(WatchEvent.Type.BOOKMARK, mark));
            }
            out.flush();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Duration wait = Duration.ofNanos(
                        Math.min(left, settings.bookmarkInterval().toNanos()));
                Watcher.Delivery d = watcher.poll(wait);
                if (d == null) {
                    if (watcher.isClosed()) {
                        if (watcher.closeReason() == Watcher.CloseReason.EXPIRED) {
                            out.write(WatchEvent.render(
                                    WatchEvent.Type.ERROR,
                                    ApiException.gone(
                                                    "too old resource version: the watch cache lost its history; list again")
                                            .toStatus()));
                            out.flush();
                        }
                        break;
                    }
                    if (bookmarks) {
                        long mark = watcher.bookmarkRevision();
                        if (mark > lastBookmark) {
                            out.write(WatchEvent.render(WatchEvent.Type.BOOKMARK, bookmark(type, mark)));
                            out.flush();
                            lastBookmark = mark;
                        }
                    }
                    continue;
                }
                if (asTable) {
                    write(out, type, d.type(), d.object(), true, req, null);
                } else {
                    out.write(d.frame());
                }
                // Flush when nothing more is queued, so a burst goes out in few packets.
                Watcher.Delivery more;
                while ((more = watcher.poll(Duration.ZERO)) != null) {
                    if (asTable) {
                        write(out, type, more.type(), more.object(), true, req, null);
                    } else {
                        out.write(more.frame());
                    }
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watcher.close();
        }
    }

    private void write(
            ServletOutputStream out,
            ResourceType type,
            WatchEvent.Type as,
            ObjectNode obj,
            boolean asTable,
            HttpServletRequest req,
            JsonNode unused)
            throws IOException {
        if (asTable) {
            ObjectNode table = tables.table(type, List.of(obj), req.getParameter("includeObject"), null);
            out.write(WatchEvent.render(as, table));
        } else {
            out.write(WatchEvent.render(as, obj));
        }
    }

    private static ObjectNode bookmark(ResourceType type, long revision) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        b.put("kind", type.kind());
        b.put("apiVersion", type.apiVersion());
        b.putObject("metadata").put("resourceVersion", Long.toString(revision));
        return b;
    }

    private Duration timeout(String param) {
        if (param != null && !param.isEmpty()) {
            try {
                long s = Long.parseLong(param);
                if (s > 0) {
                    return Duration.ofSeconds(s);
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("timeoutSeconds: Invalid value: \"" + param + "\": must be an integer");
            }
        }
        // Like kube-apiserver: a random duration between the minimum and twice it, so that
        // reconnecting clients spread out.
        long min = settings.minTimeout().toMillis();
        return Duration.ofMillis(min + ThreadLocalRandom.current().nextLong(Math.max(1, min)));
    }
}
