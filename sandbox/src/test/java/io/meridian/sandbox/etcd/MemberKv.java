package io.meridian.sandbox.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.options.GetOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads and writes through one member only, with jetcd as the project's server uses it, and a deadline on each call. */
final class MemberKv implements AutoCloseable {

    private static final long DEADLINE_SECONDS = 10;

    private final Client client;

    private MemberKv(Client client) {
        this.client = client;
    }

    static MemberKv on(EtcdMember member) {
        return new MemberKv(Client.builder().endpoints(member.clientUrl()).build());
    }

    void put(String key, String value) throws ExecutionException, InterruptedException, TimeoutException {
        putAsync(key, value).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    CompletableFuture<PutResponse> putAsync(String key, String value) {
        return client.getKVClient().put(bytes(key), bytes(value));
    }

    /** A linearizable read: goes through the leader, needs quorum. */
    Optional<String> get(String key) throws ExecutionException, InterruptedException, TimeoutException {
        return value(client.getKVClient().get(bytes(key)).get(DEADLINE_SECONDS, TimeUnit.SECONDS));
    }

    /** A serializable read: answered from this member's own copy of the data. */
    Optional<String> getLocal(String key) throws ExecutionException, InterruptedException, TimeoutException {
        GetOption local = GetOption.builder().withSerializable(true).build();
        return value(client.getKVClient().get(bytes(key), local).get(DEADLINE_SECONDS, TimeUnit.SECONDS));
    }

    private static Optional<String> value(GetResponse response) {
        return response.getKvs().stream().findFirst().map(kv -> kv.getValue().toString(UTF_8));
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
