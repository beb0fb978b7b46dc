package io.meridian.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.Meta;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.status.StatusCause;
import io.meridian.apiserver.storage.KeyValue;
import io.meridian.apiserver.storage.ListPage;
import io.meridian.apiserver.storage.StorageException;
import io.meridian.apiserver.storage.Store;
import io.meridian.apiserver.storage.StoredObjects;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The generic registry behind every resource, in the shape of kube-apiserver's
 * {@code registry/generic/registry.Store}: metadata rules, generation, status and scale rules,
 * finalizers and graceful deletion, optimistic concurrency with retries for unconditional writes,
 * paged consistent lists. HTTP knows nothing of this, and this knows nothing of HTTP.
 */
public final class ObjectStore {

    /** etcd's default request size limit, less room for the transaction around the value. */
    public static final int MAX_OBJECT_BYTES = 1_572_864;

    /**
     * How long a write that lost a compare-and-swap keeps starting over. kube's GuaranteedUpdate
     * has no attempt limit, only the request's deadline (a minute by default): every lost race
     * means another writer got through, and a fixed count made 16 concurrent writers of one
     * object see 409s for updates that had pinned no resourceVersion.
     */
    private static final Duration RETRY_WINDOW = Duration.ofSeconds(60);

    private static final char[] NAME_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

    private final Store store;
    private final String keyPrefix;
    private final Strategies strategies;
    private final ObjectValidator validator;
    private final FieldTracker fields;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Predicate<String> namespaceExists = ns -> true;
    private volatile BiConsumer<ResourceType, ObjectNode> defaults = (type, obj) -> {};

    public ObjectStore(
            Store store,
            String keyPrefix,
            Strategies strategies,
            ObjectValidator validator,
            FieldTracker fields,
            Clock clock) {
        this.store = store;
        this.keyPrefix = keyPrefix.endsWith("/") ? keyPrefix.substring(0, keyPrefix.length() - 1) : keyPrefix;
        this.strategies = strategies;
        this.validator = validator;
        this.fields = fields;
        this.clock = clock;
    }

    /** How creates learn whether their namespace exists (and is not terminating). */
    public void namespaceCheck(Predicate<String> exists) {
        this.namespaceExists = exists;
    }

    /** Fills defaults into objects before they are prepared, validated and stored. */
    public void defaults(BiConsumer<ResourceType, ObjectNode> defaults) {
        this.defaults = defaults;
    }

    public Store store() {
        return store;
    }

    public Strategies strategies() {
        return strategies;
    }

    // ---------------------------------------------------------------- keys

    /** The prefix all objects of {@code type} (in {@code namespace}, if not null) live under. */
    public String prefix(ResourceType type, String namespace) {
        String base = keyPrefix + "/" + (type.group().isEmpty() ? "core" : type.group()) + "/" + type.plural() + "/";
        return namespace == null || !type.namespaced() ? base : base + namespace + "/";
    }

    public String key(ResourceType type, String namespace, String name) {
        return prefix(type, type.namespaced() ? namespace : null) + name;
    }

    // ---------------------------------------------------------------- reads

    public ObjectNode get(ResourceType type, String namespace, String name) {
        return find(type, namespace, name).orElseThrow(() -> notFound(type, name));
    }

    public Optional<ObjectNode> find(ResourceType type, String namespace, String name) {
        return store.get(key(type, namespace, name)).map(kv -> present(type, StoredObjects.decode(kv)));
    }

    /**
     * A consistent list: every page of one list is read at the revision of the first page.
     *
     * @return a {@code <Kind>List} object
     */
    public ObjectNode list(ResourceType type, String namespace, ListOptions options) {
        String prefix = prefix(type, namespace);
        long revision = 0;
        String start = null;
        if (options.continueToken() != null && !options.continueToken().isEmpty()) {
            ContinueToken token = ContinueToken.decode(options.continueToken());
            revision = token.revision();
            start = token.startKey();
            if (!start.startsWith(prefix)) {
                throw ApiException.badRequest("continue key is not valid: it belongs to another list");
            }
        } else if (options.resourceVersion() != null
                && "Exact".equals(options.resourceVersionMatch())
                && !options.resourceVersion().isEmpty()) {
            revision = parseRevision(options.resourceVersion());
        }
        Predicate<ObjectNode> filter = filter(options);
        boolean filtering =
                !options.labelSelector().isEmpty() || !options.fieldSelector().isEmpty();
        long limit = options.limit();
        List<ObjectNode> items = new ArrayList<>();
        String next = null;
        long remaining = -1;
        String name = options.fieldSelector().requiredName();
        try {
            if (name != null && namespace != null) {
                // A single-object selection is one key read, as kube optimises it.
                String key = key(type, namespace, name);
                ListPage page = store.list(key, key, revision, 1);
                revision = snapshot(revision, page);
                for (KeyValue kv : page.items()) {
                    if (kv.key().equals(key)) {
                        ObjectNode obj = present(type, StoredObjects.decode(kv));
                        if (filter.test(obj)) {
                            items.add(obj);
                        }
                    }
                }
            } else {
                while (true) {
                    long want = limit <= 0 ? 0 : Math.max(limit - items.size(), filtering ? 256 : 0);
                    ListPage page = store.list(prefix, start, revision, want);
                    revision = snapshot(revision, page);
                    String lastKey = null;
                    boolean full = false;
                    int i = 0;
                    for (KeyValue kv : page.items()) {
                        i++;
                        lastKey = kv.key();
                        ObjectNode obj = present(type, StoredObjects.decode(kv));
                        if (filter.test(obj)) {
                            items.add(obj);
                            if (limit > 0 && items.size() >= limit) {
                                full = true;
                                break;
                            }
                        }
                    }
                    boolean moreInStore = page.more() || i < page.items().size();
                    if (full && moreInStore) {
                        next = lastKey + "\0";
                        if (!filtering) {
                            remaining = page.remaining() + (page.items().size() - i);
                        }
                        break;
                    }
                    if (!page.more()) {
                        break;
                    }
                    start = lastKey + "\0";
                }
            }
        } catch (StorageException.Compacted e) {
            throw ApiException.gone(
                    options.continueToken() != null
                            ? "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."
                            : "too old resource version: " + options.resourceVersion() + " (" + e.compactRevision()
                                    + ")");
        }
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("kind", type.listKind());
        list.put("apiVersion", type.apiVersion());
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", Long.toString(revision));
        if (next != null) {
            meta.put("continue", new ContinueToken(revision, next).encode());
            if (remaining >= 0) {
                meta.put("remainingItemCount", remaining);
            }
        }
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        return list;
    }

    /**
     * The revision a list is read at: the one asked for (a continue token's, or an exact
     * resourceVersion), else the first read's. etcd's header carries its current revision even
     * for a read at an older one, and a list must not claim it: clients watch from the list's
     * resourceVersion, and would miss every change between the snapshot and that revision.
     */
    private static long snapshot(long requested, ListPage page) {
        return requested > 0 ? requested : page.revision();
    }

    /** The filter a list or watch applies: selectors only (scope is in the key prefix). */
    public Predicate<ObjectNode> filter(ListOptions options) {
        var labels = options.labelSelector();
        var fieldsSel = options.fieldSelector();
        if (labels.isEmpty() && fieldsSel.isEmpty()) {
            return o -> true;
        }
        return o -> labels.matches(Meta.labels(o)) && fieldsSel.matches(o);
    }

    // ---------------------------------------------------------------- create

    public ObjectNode create(ResourceType type, String namespace, ObjectNode input, WriteOptions options) {
        ObjectNode obj = input.deepCopy();
        ObjectNode meta = Meta.metadata(obj);
        checkIdentity(type, namespace, obj);
        if (type.namespaced()) {
            if (!namespaceExists.test(namespace)) {
                throw ApiException.notFound("", "namespaces", namespace);
            }
            meta.put("namespace", namespace);
        } else {
            meta.remove("namespace");
        }
        boolean generated = false;
        if (Meta.name(obj) == null || Meta.name(obj).isEmpty()) {
            String generateName = Meta.text(obj, "generateName");
            if (generateName == null || generateName.isEmpty()) {
                throw ApiException.invalid(
                        type.group(),
                        type.kind(),
                        "",
                        List.of(new StatusCause(
                                StatusCause.FIELD_VALUE_REQUIRED,
                                "Required value: name or generateName is required",
                                "metadata.name")));
            }
            generated = true;
        }
        for (int attempt = 0; ; attempt++) {
            if (generated) {
                meta.put("name", generateName(Meta.text(obj, "generateName")));
            }
            meta.put("uid", UUID.randomUUID().toString());
            meta.put("creationTimestamp", now());
            meta.remove("resourceVersion");
            meta.remove("deletionTimestamp");
            meta.remove("deletionGracePeriodSeconds");
            meta.remove("selfLink");
            KindStrategy strategy = strategies.forType(type);
            if (strategy.tracksGeneration(type)) {
                meta.put("generation", 1);
            } else {
                meta.remove("generation");
            }
            if (type.statusSubresource()) {
                obj.remove("status");
            }
            defaults.accept(type, obj);
            strategy.prepareForCreate(type, obj);
            ObjectNode tracked = fields.update(type, null, obj, options.fieldManager(), null);
            validate(type, tracked, null);
            try {
                return persistCreate(type, namespace, tracked, options);
            } catch (ApiException e) {
                if (generated && e.code() == 409 && attempt < 3) {
                    continue;
                }
                throw e;
            }
        }
    }

    /** Stores an already prepared and validated new object (also the create path of apply). */
    private ObjectNode persistCreate(ResourceType type, String namespace, ObjectNode obj, WriteOptions options) {
        byte[] bytes = encode(obj);
        if (options.dryRun()) {
            return present(type, obj);
        }
        try {
            KeyValue kv = store.create(key(type, namespace, Meta.name(obj)), bytes);
            Meta.metadata(obj).put("resourceVersion", Long.toString(kv.modRevision()));
            return present(type, obj);
        } catch (StorageException.KeyExists e) {
            throw ApiException.alreadyExists(type.group(), type.plural(), Meta.name(obj));
        }
    }

    // ---------------------------------------------------------------- update

    /**
     * A read-modify-write with optimistic concurrency, kube's {@code GuaranteedUpdate}: reads the
     * object, lets {@code mutation} derive the new one, and retries from a fresh read when another
     * writer got in between. A mutation that pins a resourceVersion fails with 409 instead.
     */
    public ObjectNode update(
            ResourceType type,
            String namespace,
            String name,
            String subresource,
            WriteOptions options,
            Mutation mutation) {
        String key = key(type, namespace, name);
        for (long giveUp = System.nanoTime() + RETRY_WINDOW.toNanos(); System.nanoTime() < giveUp; ) {
            Optional<KeyValue> current = store.get(key);
            if (current.isEmpty()) {
                if (!mutation.createIfMissing()) {
                    throw notFound(type, name);
                }
                ObjectNode created = mutation.apply(null);
                if (created == null) {
                    throw notFound(type, name);
                }
                ObjectNode meta = Meta.metadata(created);
                meta.put("name", name);
                try {
                    return createPrepared(type, namespace, created, options, mutation.tracksFieldsItself());
                } catch (ApiException e) {
                    if (e.code() == 409 && "AlreadyExists".equals(e.reason())) {
                        continue;
                    }
                    throw e;
                }
            }
            KeyValue kv = current.get();
            ObjectNode old = present(type, StoredObjects.decode(kv));
            ObjectNode next = mutation.apply(old.deepCopy());
            if (next == null) {
                return old;
            }
            ObjectNode prepared = prepareUpdate(type, namespace, name, subresource, next, old, options, mutation);
            if (prepared.equals(old)) {
                return old;
            }
            if (options.dryRun()) {
                return prepared;
            }
            try {
                if (shouldDelete(type, prepared)) {
                    store.delete(key, kv.modRevision());
                    return prepared;
                }
                KeyValue written = store.update(key, encode(prepared), kv.modRevision());
                Meta.metadata(prepared).put("resourceVersion", Long.toString(written.modRevision()));
                return prepared;
            } catch (StorageException.Conflict e) {
                if (mutation.pinnedResourceVersion() != null) {
                    throw conflict(type, name);
                }
            } catch (StorageException.NotFound e) {
                if (mutation.pinnedResourceVersion() != null) {
                    throw conflict(type, name);
                }
            }
        }
        throw ApiException.conflict(type.group(), type.plural(), name, "too many concurrent writers; try again");
    }

    private ObjectNode createPrepared(
            ResourceType type, String namespace, ObjectNode obj, WriteOptions options, boolean fieldsTracked) {
        ObjectNode meta = Meta.metadata(obj);
        checkIdentity(type, namespace, obj);
        if (type.namespaced()) {
            if (!namespaceExists.test(namespace)) {
                throw ApiException.notFound("", "namespaces", namespace);
            }
            meta.put("namespace", namespace);
        }
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", now());
        meta.remove("resourceVersion");
        KindStrategy strategy = strategies.forType(type);
        if (strategy.tracksGeneration(type)) {
            meta.put("generation", 1);
        }
        defaults.accept(type, obj);
        strategy.prepareForCreate(type, obj);
        ObjectNode tracked = fieldsTracked ? obj : fields.update(type, null, obj, options.fieldManager(), null);
        validate(type, tracked, null);
        return persistCreate(type, namespace, tracked, options);
    }

    private ObjectNode prepareUpdate(
            ResourceType type,
            String namespace,
            String name,
            String subresource,
            ObjectNode next,
            ObjectNode old,
            WriteOptions options,
            Mutation mutation) {
        String pinned = mutation.pinnedResourceVersion();
        if (pinned != null && !pinned.equals(Meta.resourceVersion(old))) {
            throw conflict(type, name);
        }
        checkIdentity(type, namespace, next);
        ObjectNode meta = Meta.metadata(next);
        ObjectNode oldMeta = Meta.metadata(old);
        String name2 = Meta.name(next);
        if (name2 != null && !name2.equals(name)) {
            throw ApiException.badRequest(
                    "the name of the object (" + name2 + ") does not match the name on the URL (" + name + ")");
        }
        String uid = Meta.uid(next);
        if (uid != null && !uid.isEmpty() && !uid.equals(Meta.uid(old))) {
            throw ApiException.invalid(
                    type.group(),
                    type.kind(),
                    name,
                    List.of(StatusCause.invalid("metadata.uid", uid, "field is immutable")));
        }
        meta.put("name", name);
        if (type.namespaced()) {
            meta.put("namespace", namespace);
        }
        for (String f :
                List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation")) {
            if (oldMeta.has(f)) {
                meta.set(f, oldMeta.get(f));
            } else {
                meta.remove(f);
            }
        }
        meta.remove("selfLink");
        if (Meta.deleting(old)) {
            // Once deletion has started, finalizers may only be removed, never added.
            JsonNode newFinalizers = meta.path("finalizers");
            JsonNode oldFinalizers = oldMeta.path("finalizers");
            for (JsonNode f : newFinalizers) {
                if (!contains(oldFinalizers, f.asText())) {
                    throw ApiException.forbidden(
                            "no new finalizers can be added if the object is being deleted, found new finalizers [\""
                                    + f.asText() + "\"]");
                }
            }
        }
        KindStrategy strategy = strategies.forType(type);
        if ("status".equals(subresource)) {
            // The status subresource writes status only; everything else stays as it was.
            ObjectNode merged = old.deepCopy();
            if (next.has("status")) {
                merged.set("status", next.get("status"));
            } else {
                merged.remove("status");
            }
            next = merged;
            meta = Meta.metadata(next);
        } else if (type.statusSubresource() && subresource == null) {
            if (old.has("status")) {
                next.set("status", old.get("status"));
            } else {
                next.remove("status");
            }
        }
        meta.put("resourceVersion", Meta.resourceVersion(old));
        if (subresource == null || "scale".equals(subresource)) {
            defaults.accept(type, next);
            strategy.prepareForUpdate(type, next, old);
        }
        if (strategy.tracksGeneration(type) && desiredStateChanged(type, next, old)) {
            meta.put("generation", Meta.generation(old) + 1);
        }
        ObjectNode tracked = mutation.tracksFieldsItself()
                ? next
                : fields.update(type, old, next, options.fieldManager(), subresource);
        validate(type, tracked, old);
        return tracked;
    }

    private static boolean desiredStateChanged(ResourceType type, ObjectNode next, ObjectNode old) {
        ObjectNode a = next.deepCopy();
        ObjectNode b = old.deepCopy();
        a.remove("metadata");
        b.remove("metadata");
        if (type.statusSubresource()) {
            a.remove("status");
            b.remove("status");
        }
        return !a.equals(b);
    }

    /** A finalized object whose last finalizer just went is deleted instead of updated. */
    private boolean shouldDelete(ResourceType type, ObjectNode obj) {
        return Meta.deleting(obj)
                && !Meta.hasFinalizers(obj)
                && !strategies.forType(type).blocksDeletion(obj);
    }

    // ---------------------------------------------------------------- delete

    /** The result of a delete: the object, and whether it is gone or only marked for deletion. */
    public record Deletion(ObjectNode object, boolean deleted) {}

    public Deletion delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        String key = key(type, namespace, name);
        KindStrategy strategy = strategies.forType(type);
        for (long giveUp = System.nanoTime() + RETRY_WINDOW.toNanos(); System.nanoTime() < giveUp; ) {
            KeyValue kv = store.get(key).orElseThrow(() -> notFound(type, name));
            ObjectNode obj = present(type, StoredObjects.decode(kv));
            if (options.preconditionUid() != null && !options.preconditionUid().equals(Meta.uid(obj))) {
                throw ApiException.conflict(
                        type.group(),
                        type.plural(),
                        name,
                        "Precondition failed: UID in precondition: " + options.preconditionUid()
                                + ", UID in object meta: " + Meta.uid(obj));
            }
            if (options.preconditionResourceVersion() != null
                    && !options.preconditionResourceVersion().equals(Meta.resourceVersion(obj))) {
                throw ApiException.conflict(
                        type.group(),
                        type.plural(),
                        name,
                        "Precondition failed: ResourceVersion in precondition: " + options.preconditionResourceVersion()
                                + ", ResourceVersion in object meta: " + Meta.resourceVersion(obj));
            }
            String policy = options.propagationPolicy() != null
                    ? options.propagationPolicy()
                    : strategy.defaultPropagationPolicy();
            String gcFinalizer = switch (policy) {
                case "Orphan" -> "orphan";
                case "Foreground" -> "foregroundDeletion";
                case "Background" -> null;
                default ->
                    throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + policy
                            + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
            };
            boolean graceful = Meta.hasFinalizers(obj) || gcFinalizer != null || strategy.blocksDeletion(obj);
            if (!graceful) {
                if (options.dryRun()) {
                    return new Deletion(obj, true);
                }
                try {
                    KeyValue deleted = store.delete(key, kv.modRevision());
                    Meta.metadata(obj).put("resourceVersion", Long.toString(deleted.modRevision()));
                    return new Deletion(obj, true);
                } catch (StorageException.Conflict | StorageException.NotFound e) {
                    continue;
                }
            }
            ObjectNode next = obj.deepCopy();
            ObjectNode meta = Meta.metadata(next);
            boolean changed = false;
            if (!Meta.deleting(obj)) {
                meta.put("deletionTimestamp", now());
                meta.put("deletionGracePeriodSeconds", 0);
                strategy.onDeletionStarted(next);
                changed = true;
            }
            if (gcFinalizer != null) {
                changed |= setGcFinalizer(meta, gcFinalizer);
            }
            if (!changed) {
                return new Deletion(obj, false);
            }
            if (options.dryRun()) {
                return new Deletion(next, false);
            }
            try {
                KeyValue written = store.update(key, encode(next), kv.modRevision());
                meta.put("resourceVersion", Long.toString(written.modRevision()));
                return new Deletion(next, false);
            } catch (StorageException.Conflict | StorageException.NotFound e) {
                // someone else wrote in between: start over from a fresh read
            }
        }
        throw ApiException.conflict(type.group(), type.plural(), name, "too many concurrent writers; try again");
    }

    /** Sets the one garbage-collection finalizer the policy asks for, removing the other. */
    private static boolean setGcFinalizer(ObjectNode meta, String finalizer) {
        String other = finalizer.equals("orphan") ? "foregroundDeletion" : "orphan";
        ArrayNode list = meta.has("finalizers") && meta.get("finalizers").isArray()
                ? (ArrayNode) meta.get("finalizers")
                : meta.putArray("finalizers");
        boolean changed = false;
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).asText().equals(other)) {
                list.remove(i);
                changed = true;
            }
        }
        if (!contains(list, finalizer)) {
            list.add(finalizer);
            changed = true;
        }
        return changed;
    }

    // ---------------------------------------------------------------- helpers

    /** A read-modify-write step for {@link #update}. */
    public interface Mutation {
        /** The new object derived from {@code current} (null when absent and creation is allowed); null for no change. */
        ObjectNode apply(ObjectNode current);

        /** A resourceVersion the client required, or null for an unconditional write. */
        default String pinnedResourceVersion() {
            return null;
        }

        /** Whether a missing object is created from {@code apply(null)}. */
        default boolean createIfMissing() {
            return false;
        }

        /** Whether the mutation maintains managedFields itself (server-side apply). */
        default boolean tracksFieldsItself() {
            return false;
        }

        static Mutation of(UnaryOperator<ObjectNode> fn, String pinnedResourceVersion) {
            return new Mutation() {
                @Override
                public ObjectNode apply(ObjectNode current) {
                    return fn.apply(current);
                }

                @Override
                public String pinnedResourceVersion() {
                    return pinnedResourceVersion;
                }
            };
        }
    }

    private void checkIdentity(ResourceType type, String namespace, ObjectNode obj) {
        JsonNode apiVersion = obj.get("apiVersion");
        JsonNode kind = obj.get("kind");
        if (apiVersion != null
                && !apiVersion.asText().isEmpty()
                && !apiVersion.asText().equals(type.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion.asText()
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        if (kind != null && !kind.asText().isEmpty() && !kind.asText().equals(type.kind())) {
            throw ApiException.badRequest("the kind in the data (" + kind.asText()
                    + ") does not match the expected kind (" + type.kind() + ")");
        }
        obj.put("apiVersion", type.apiVersion());
        obj.put("kind", type.kind());
        String ns = Meta.namespace(obj);
        if (type.namespaced() && ns != null && !ns.isEmpty() && namespace != null && !ns.equals(namespace)) {
            throw ApiException.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private void validate(ResourceType type, ObjectNode obj, ObjectNode old) {
        List<StatusCause> causes = new ArrayList<>(validator.validate(type, obj, old));
        causes.addAll(strategies.forType(type).validate(type, obj, old));
        if (!causes.isEmpty()) {
            throw ApiException.invalid(type.group(), type.kind(), Meta.name(obj), causes);
        }
    }

    private static byte[] encode(ObjectNode obj) {
        byte[] bytes = StoredObjects.encode(obj);
        if (bytes.length > MAX_OBJECT_BYTES) {
            throw ApiException.tooLarge("Request entity too large: the object is " + bytes.length
                    + " bytes, more than the " + MAX_OBJECT_BYTES + " bytes a stored object may have");
        }
        return bytes;
    }

    /** The object as served at {@code type}'s version (objects of a CRD are stored once for all versions). */
    private static ObjectNode present(ResourceType type, ObjectNode obj) {
        obj.put("apiVersion", type.apiVersion());
        if (!obj.has("kind")) {
            obj.put("kind", type.kind());
        }
        return obj;
    }

    private String generateName(String base) {
        StringBuilder sb = new StringBuilder(base.length() > 58 ? base.substring(0, 58) : base);
        for (int i = 0; i < 5; i++) {
            sb.append(NAME_SUFFIX_ALPHABET[random.nextInt(NAME_SUFFIX_ALPHABET.length)]);
        }
        return sb.toString();
    }

    public String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    }

    static long parseRevision(String rv) {
        try {
            long v = Long.parseLong(rv);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resource version: " + rv);
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (Objects.equals(n.asText(), value)) {
                return true;
            }
        }
        return false;
    }

    private static ApiException notFound(ResourceType type, String name) {
        return ApiException.notFound(type.group(), type.plural(), name);
    }

    private static ApiException conflict(ResourceType type, String name) {
        return ApiException.conflict(
                type.group(),
                type.plural(),
                name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }
}
