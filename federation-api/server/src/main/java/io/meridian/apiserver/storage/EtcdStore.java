package io.meridian.apiserver.storage;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@link Store} on an etcd ring through jetcd. Create is a transaction "key absent, then put";
 * update and delete compare the mod revision, as kube-apiserver's etcd3 store does. jetcd waits
 * forever for a ring without quorum, so every call here carries its own deadline and is cancelled
 * when it passes: the caller gets a {@link StorageException.Timeout} in seconds, never a hang.
 */
public final class EtcdStore implements Store {

    private static final Set<String> READS = Set.of("get", "list", "revision");
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private final Client client;
    private final KV kv;
    private final Duration timeout;
    private final MeterRegistry meters;

    public EtcdStore(Client client, Duration timeout, MeterRegistry meters) {
        this.client = client;
        this.kv = client.getKVClient();
        this.timeout = timeout;
        this.meters = meters;
    }

    /** A jetcd client for {@code endpoints} with settings suited to a store behind deadlines. */
    public static Client connect(List<String> endpoints, Duration connectTimeout) {
        return Client.builder()
                .endpoints(endpoints.toArray(String[]::new))
                // An unpaged list is one range read; gRPC's default 4 MiB response limit would fail it once a
                // resource holds a few thousand objects. etcd's Go client, kube-apiserver's, defaults to MaxInt32.
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .connectTimeout(connectTimeout)
                .keepaliveTime(Duration.ofSeconds(10))
                .keepaliveTimeout(Duration.ofSeconds(5))
                .retryMaxDuration(connectTimeout)
                .build();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        GetResponse response = call("get", () -> kv.get(bytes(key)));
        return response.getKvs().isEmpty()
                ? Optional.empty()
                : Optional.of(toKeyValue(response.getKvs().get(0)));
    }

    @Override
    public ListPage list(String prefix, String startKey, long revision, long limit) {
        String from = startKey == null ? prefix : startKey;
        GetOption.Builder option =
                GetOption.builder().withRange(bytes(prefixEnd(prefix))).withRevision(revision);
        if (limit > 0) {
            option.withLimit(limit);
        }
        GetResponse response = call("list", () -> kv.get(bytes(from), option.build()));
        List<KeyValue> items = new ArrayList<>(response.getKvs().size());
        response.getKvs().forEach(k -> items.add(toKeyValue(k)));
        long remaining = Math.max(0, response.getCount() - items.size());
        // The header carries the store's current revision, not the one read at: a later page must
        // keep the revision of the first, or a paged list mixes states.
        long readAt = revision > 0 ? revision : response.getHeader().getRevision();
        return new ListPage(items, readAt, response.isMore(), remaining);
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        ByteSequence k = bytes(key);
        TxnResponse response = call(
                "create",
                () -> kv.txn()
                        .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.version(0)))
                        .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                        .Else(Op.get(k, GetOption.DEFAULT))
                        .commit());
        if (!response.isSucceeded()) {
            throw new StorageException.KeyExists(key, firstGet(response));
        }
        long revision = response.getHeader().getRevision();
        return new KeyValue(key, value, revision, revision);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        ByteSequence k = bytes(key);
        TxnResponse response = call(
                "update",
                () -> kv.txn()
                        .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)))
                        .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT), Op.get(k, GetOption.DEFAULT))
                        .Else(Op.get(k, GetOption.DEFAULT))
                        .commit());
        if (!response.isSucceeded()) {
            KeyValue current = firstGet(response);
            if (current == null) {
                throw new StorageException.NotFound(key);
            }
            throw new StorageException.Conflict(key, current);
        }
        return firstGet(response);
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        ByteSequence k = bytes(key);
        TxnResponse response = call(
                "delete",
                () -> kv.txn()
                        .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)))
                        .Then(Op.delete(
                                k, DeleteOption.builder().withPrevKV(true).build()))
                        .Else(Op.get(k, GetOption.DEFAULT))
                        .commit());
        if (!response.isSucceeded()) {
            KeyValue current = firstGet(response);
            if (current == null) {
                throw new StorageException.NotFound(key);
            }
            throw new StorageException.Conflict(key, current);
        }
        var deleted = response.getDeleteResponses().get(0);
        if (deleted.getPrevKvs().isEmpty()) {
            throw new StorageException.NotFound(key);
        }
        KeyValue prev = toKeyValue(deleted.getPrevKvs().get(0));
        return new KeyValue(key, prev.value(), response.getHeader().getRevision(), prev.createRevision());
    }

    @Override
    public Subscription watch(String prefix, long fromRevision, StoreWatchListener listener) {
        WatchOption option = WatchOption.builder()
                .withRange(bytes(prefixEnd(prefix)))
                .withRevision(fromRevision + 1)
                .withPrevKV(true)
                .withProgressNotify(true)
                .build();
        // jetcd completes the listener of a watcher its owner closes; that is no failure to report.
        AtomicBoolean closed = new AtomicBoolean();
        Watch.Watcher watcher = client.getWatchClient().watch(bytes(prefix), option, new Watch.Listener() {
            @Override
            public void onNext(WatchResponse response) {
                if (closed.get()) {
                    return;
                }
                if (response.getEvents().isEmpty()) {
                    listener.onProgress(response.getHeader().getRevision());
                    return;
                }
                List<StoreEvent> events = new ArrayList<>(response.getEvents().size());
                for (WatchEvent e : response.getEvents()) {
                    events.add(toEvent(e));
                }
                listener.onEvents(events);
            }

            @Override
            public void onError(Throwable error) {
                if (closed.compareAndSet(false, true)) {
                    listener.onError(translate("watch", error, fromRevision));
                }
            }

            @Override
            public void onCompleted() {
                if (closed.compareAndSet(false, true)) {
                    listener.onError(new StorageException.Unavailable("watch closed by etcd", null));
                }
            }
        });
        return new Subscription() {
            @Override
            public void requestProgress() {
                watcher.requestProgress();
            }

            @Override
            public void close() {
                closed.set(true);
                watcher.close();
            }
        };
    }

    @Override
    public long currentRevision() {
        // A count-only read of a key that never exists is the cheapest linearizable way to learn
        // the header revision.
        GetResponse response = call(
                "revision",
                () -> kv.get(
                        bytes("\0meridian-revision-probe"),
                        GetOption.builder().withCountOnly(true).build()));
        return response.getHeader().getRevision();
    }

    @Override
    public void compact(long revision) {
        call("compact", () -> kv.compact(revision));
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T call(String op, Supplier<CompletableFuture<T>> request) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "success";
        CompletableFuture<T> future = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                future = request.get();
                try {
                    return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    // A read that met a connection to a member that just died is sent again (jetcd
                    // picks a live member), within the same deadline. A write is not: it may have
                    // been applied, and only its caller can tell.
                    if (READS.contains(op)
                            && connectionLost(e.getCause())
                            && deadline - System.nanoTime() > RETRY_PAUSE.toNanos()) {
                        TimeUnit.NANOSECONDS.sleep(RETRY_PAUSE.toNanos());
                        continue;
                    }
                    throw e;
                }
            }
        } catch (TimeoutException e) {
            outcome = "timeout";
            future.cancel(true);
            throw new StorageException.Timeout(
                    "etcd did not answer " + op + " within " + timeout.toMillis() + "ms (is a quorum of members up?)",
                    e);
        } catch (InterruptedException e) {
            outcome = "interrupted";
            Thread.currentThread().interrupt();
            if (future != null) {
                future.cancel(true);
            }
            throw new StorageException.Unavailable("interrupted while waiting for etcd", e);
        } catch (ExecutionException e) {
            StorageException translated = translate(op, e.getCause(), 0);
            outcome = translated.getClass().getSimpleName().toLowerCase();
            throw translated;
        } finally {
            sample.stop(Timer.builder("meridian.etcd.request")
                    .description("Latency of etcd requests made by the store")
                    .tag("operation", op)
                    .tag("outcome", outcome)
                    .register(meters));
        }
    }

    /** The connection to the member broke or could not be made: the request never got an answer. */
    private static boolean connectionLost(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (message.contains("channel closed")) {
            return true;
        }
        if (error instanceof EtcdException e) {
            return e.getErrorCode() == ErrorCode.UNAVAILABLE;
        }
        return error instanceof StatusRuntimeException e && e.getStatus().getCode() == Status.Code.UNAVAILABLE;
    }

    private static StorageException translate(String op, Throwable error, long requestedRevision) {
        if (error instanceof StorageException s) {
            return s;
        }
        if (error instanceof CompactedException c) {
            return new StorageException.Compacted(requestedRevision, c.getCompactedRevision(), c);
        }
        Status.Code code = null;
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (error instanceof EtcdException e) {
            ErrorCode ec = e.getErrorCode();
            code = ec == null ? null : grpcCode(ec);
        } else if (error instanceof StatusRuntimeException e) {
            code = e.getStatus().getCode();
        }
        if (message.contains("compacted")) {
            return new StorageException.Compacted(requestedRevision, 0, error);
        }
        if (code == Status.Code.DEADLINE_EXCEEDED
                || message.contains("deadline exceeded")
                || message.contains("timed out")) {
            return new StorageException.Timeout("etcd " + op + " timed out: " + message, error);
        }
        return new StorageException.Unavailable("etcd " + op + " failed: " + message, error);
    }

    private static Status.Code grpcCode(ErrorCode ec) {
        try {
            return Status.Code.valueOf(ec.name());
        } catch (IllegalArgumentException unknown) {
            return Status.Code.UNKNOWN;
        }
    }

    private static StoreEvent toEvent(WatchEvent e) {
        KeyValue current = toKeyValue(e.getKeyValue());
        KeyValue prev = e.getPrevKV() == null || e.getPrevKV().getKey().isEmpty() ? null : toKeyValue(e.getPrevKV());
        if (e.getEventType() == WatchEvent.EventType.DELETE) {
            return new StoreEvent(StoreEvent.Type.DELETED, current, prev);
        }
        StoreEvent.Type type =
                current.createRevision() == current.modRevision() ? StoreEvent.Type.CREATED : StoreEvent.Type.UPDATED;
        return new StoreEvent(type, current, prev);
    }

    private static KeyValue firstGet(TxnResponse response) {
        for (GetResponse get : response.getGetResponses()) {
            if (!get.getKvs().isEmpty()) {
                return toKeyValue(get.getKvs().get(0));
            }
        }
        return null;
    }

    private static KeyValue toKeyValue(io.etcd.jetcd.KeyValue k) {
        return new KeyValue(
                k.getKey().toString(StandardCharsets.UTF_8),
                k.getValue().getBytes(),
                k.getModRevision(),
                k.getCreateRevision());
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    /** The smallest key greater than every key with this prefix, as etcd's clientv3.GetPrefixRangeEnd. */
    static String prefixEnd(String prefix) {
        byte[] b = prefix.getBytes(StandardCharsets.UTF_8);
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] != (byte) 0xff) {
                byte[] end = Arrays.copyOf(b, i + 1);
                end[i]++;
                return new String(end, StandardCharsets.UTF_8);
            }
        }
        return "\0";
    }
}
