package io.meridian.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.status.StatusCause;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Server-side apply and field ownership for one kind, with the semantics of kube-apiserver's field
 * manager over structured-merge-diff:
 *
 * <ul>
 *   <li>{@link #update} records, for a create/update/patch, which fields the writer changed: those
 *       become its own (operation {@code Update}) and are taken from every other manager; removed
 *       fields disappear from every set.
 *   <li>{@link #apply} merges an applied configuration into the live object, removes what the same
 *       applier applied before but no longer does (unless someone else owns it), and refuses with a
 *       409 when it would change a field another manager owns, unless forced.
 * </ul>
 *
 * <p>Objects are never modified: both operations return a new object whose
 * {@code metadata.managedFields} is maintained. Resetting fields a subresource may not change (the
 * status on the main resource, the spec on {@code /status}) stays the caller's job; the manager only
 * keeps those fields out of ownership, given {@link Builder#resetFields}.
 *
 * <p>Not done, as in kube only for compatibility: adopting a client-side-applied object's
 * {@code kubectl.kubernetes.io/last-applied-configuration} on the first server-side apply, and
 * converting field sets between API versions (all versions are read with one schema).
 */
public final class FieldManager {

    /** kube's cap on Update entries before the oldest are merged into "ancient-changes". */
    public static final int DEFAULT_MAX_UPDATE_MANAGERS = 10;

    static final String ANCIENT_CHANGES = "ancient-changes";

    /** Identity and server-owned metadata, which nobody owns (kube's stripped set). */
    private static final FieldSet STRIPPED = FieldSet.of(
            FieldPath.of("apiVersion"),
            FieldPath.of("kind"),
            FieldPath.of("metadata"),
            FieldPath.of("metadata", "name"),
            FieldPath.of("metadata", "namespace"),
            FieldPath.of("metadata", "creationTimestamp"),
            FieldPath.of("metadata", "selfLink"),
            FieldPath.of("metadata", "uid"),
            FieldPath.of("metadata", "clusterName"),
            FieldPath.of("metadata", "generation"),
            FieldPath.of("metadata", "managedFields"),
            FieldPath.of("metadata", "resourceVersion"));

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final TypeRef root;
    private final GroupVersionKind gvk;
    private final Map<String, FieldSet> resetFields;
    private final boolean builtIn;
    private final int maxUpdateManagers;

    private FieldManager(Builder b) {
        this.root = TypeRef.of(b.schema);
        this.gvk = b.gvk;
        this.resetFields = Map.copyOf(b.resetFields);
        this.builtIn = b.builtIn;
        this.maxUpdateManagers = b.maxUpdateManagers;
    }

    /** A manager for a kind typed by {@code schema}, with custom-resource semantics and no reset fields. */
    public FieldManager(SchemaNode schema) {
        this(builder(schema));
    }

    public static Builder builder(SchemaNode schema) {
        return new Builder(schema);
    }

    /**
     * A manager for a served resource. With a status subresource, the main resource does not own
     * {@code status} and {@code /status} does not own {@code spec}, as for custom resources.
     *
     * @param builtIn whether the kind is a built-in one (compared like kube's Go structs, see
     *     {@link Builder#builtIn}) rather than a custom resource
     */
    public static FieldManager forType(ResourceType type, boolean builtIn) {
        Builder b = builder(type.schema()).gvk(type.gvk()).builtIn(builtIn);
        if (type.statusSubresource()) {
            b.resetFields("", FieldSet.of(FieldPath.of("status")));
            b.resetFields("status", FieldSet.of(FieldPath.of("spec")));
        }
        return b.build();
    }

    /** Options of a {@link FieldManager}. */
    public static final class Builder {
        private final SchemaNode schema;
        private GroupVersionKind gvk;
        private final Map<String, FieldSet> resetFields = new HashMap<>();
        private boolean builtIn;
        private int maxUpdateManagers = DEFAULT_MAX_UPDATE_MANAGERS;

        private Builder(SchemaNode schema) {
            this.schema = schema == null ? SchemaNode.ANY : schema;
        }

        /** The kind applied configurations must declare (kube answers "invalid object type" otherwise). */
        public Builder gvk(GroupVersionKind gvk) {
            this.gvk = gvk;
            return this;
        }

        /**
         * Fields writes through {@code subresource} ("" for the main resource) never own, each with
         * everything beneath it.
         */
        public Builder resetFields(String subresource, FieldSet fields) {
            resetFields.put(subresource == null ? "" : subresource, fields);
            return this;
        }

        /**
         * Compare objects as kube compares its Go structs for built-in kinds: non-pointer structs
         * (schema {@code default: {}}) and non-omitempty fields ({@code required}) always exist. It
         * decides only whether a container appears as {@code ".": {}} in an Update entry, for
         * example an object created by an update owns {@code f:spec} children but not
         * {@code f:spec} itself.
         */
        public Builder builtIn(boolean builtIn) {
            this.builtIn = builtIn;
            return this;
        }

        public Builder maxUpdateManagers(int max) {
            this.maxUpdateManagers = max;
            return this;
        }

        public FieldManager build() {
            return new FieldManager(this);
        }
    }

    // ---------------------------------------------------------------- update

    /**
     * Records a create, update or non-apply patch.
     *
     * @param live the stored object, or null on create
     * @param updated the object about to be stored; its {@code managedFields}, when present and
     *     valid, replace the live ones (so clients can edit them; {@code []} or {@code [{}]} clears
     *     them), except through a subresource
     * @param manager the field manager, for example {@code kubectl-client-side-apply}
     * @param apiVersion the version the request was made in, for example {@code apps/v1}
     * @param now the time recorded for this manager when it changed something
     * @param subresource {@code status}, or null/"" for the main resource
     * @return a copy of {@code updated} with {@code metadata.managedFields} maintained
     */
    public ObjectNode update(
            ObjectNode live, ObjectNode updated, String manager, String apiVersion, Instant now, String subresource) {
        Objects.requireNonNull(updated, "updated");
        String sub = subresource == null ? "" : subresource;
        ManagedFields managed = managedForUpdate(live, updated, !sub.isEmpty());

        ObjectNode liveObj = live == null ? F.objectNode() : withoutManagedFields(live);
        ObjectNode newObj = withoutManagedFields(updated);
        FieldSet ignored = resetFields.getOrDefault(sub, FieldSet.empty());
        Typed.Comparison cmp =
                Typed.compare(baseline(liveObj), baseline(newObj), root).excluding(ignored);
        FieldSet changed = cmp.changed();

        // Whatever this write changed or removed is no longer anybody else's.
        for (Map.Entry<ManagedFields.ManagerKey, ManagedFields.Entry> e :
                new ArrayList<>(managed.entries().entrySet())) {
            ManagedFields.Entry entry = e.getValue();
            FieldSet kept = entry.fields().difference(changed).difference(cmp.removed());
            if (kept.isEmpty()) {
                managed.remove(e.getKey());
            } else if (!kept.equals(entry.fields())) {
                managed.put(e.getKey(), new ManagedFields.Entry(kept, entry.apiVersion(), entry.time()));
            }
        }

        FieldSet mine =
                changed.difference(cmp.removed()).recursiveDifference(ignored).difference(STRIPPED);
        if (!mine.isEmpty()) {
            ManagedFields.ManagerKey key =
                    ManagedFields.ManagerKey.update(manager == null ? "" : manager, apiVersion, sub);
            ManagedFields.Entry previous = managed.get(key);
            FieldSet fields = previous == null ? mine : mine.union(previous.fields());
            managed.put(key, new ManagedFields.Entry(fields, apiVersion, seconds(now)));
        }
        capUpdateManagers(managed);
        return withManagedFields(newObj, managed);
    }

    private static ManagedFields managedForUpdate(ObjectNode live, ObjectNode updated, boolean subresource) {
        if (!subresource) {
            JsonNode requested = managedFieldsOf(updated);
            if (ManagedFields.isReset(requested)) {
                return new ManagedFields();
            }
            try {
                ManagedFields fromRequest = ManagedFields.decode(requested);
                if (!fromRequest.isEmpty()) {
                    return fromRequest;
                }
            } catch (IllegalArgumentException invalid) {
                // Clients that mangle managedFields must not lose the live ones: fall through.
            }
        }
        return liveManaged(live);
    }

    private static ManagedFields liveManaged(ObjectNode live) {
        try {
            return ManagedFields.decode(live == null ? null : managedFieldsOf(live));
        } catch (IllegalArgumentException invalid) {
            // Only this class writes stored managedFields; something unreadable is dropped, as kube does.
            return new ManagedFields();
        }
    }

    /** Merges the oldest Update entries into per-version "ancient-changes" entries above the cap. */
    private void capUpdateManagers(ManagedFields managed) {
        List<ManagedFields.ManagerKey> updaters = new ArrayList<>();
        managed.entries().forEach((k, v) -> {
            if (!k.applied()) {
                updaters.add(k);
            }
        });
        if (updaters.size() <= maxUpdateManagers) {
            return;
        }
        updaters.sort(Comparator.<ManagedFields.ManagerKey>comparingLong(k -> {
                    Instant t = managed.get(k).time();
                    return t == null ? 0 : t.getEpochSecond();
                })
                .thenComparing(ManagedFields.ManagerKey::identifier, Values::compareStrings));
        Map<String, ManagedFields.ManagerKey> firstByVersion = new HashMap<>();
        int length = updaters.size();
        for (int i = 0; i < updaters.size() && length > maxUpdateManagers; i++) {
            ManagedFields.ManagerKey key = updaters.get(i);
            ManagedFields.Entry entry = managed.get(key);
            String version = entry.apiVersion();
            ManagedFields.ManagerKey bucket = ManagedFields.ManagerKey.update(ANCIENT_CHANGES, version, "");
            ManagedFields.ManagerKey first = firstByVersion.get(version);
            if (first == null || key.equals(bucket)) {
                firstByVersion.putIfAbsent(version, key);
                continue;
            }
            if (managed.get(bucket) == null) {
                ManagedFields.Entry firstEntry = managed.get(first);
                managed.remove(first);
                managed.put(bucket, firstEntry);
            }
            ManagedFields.Entry bucketEntry = managed.get(bucket);
            managed.put(
                    bucket, new ManagedFields.Entry(entry.fields().union(bucketEntry.fields()), version, entry.time()));
            managed.remove(key);
            length--;
        }
    }

    // ---------------------------------------------------------------- apply

    /**
     * Applies {@code applied} (the body of an {@code application/apply-patch+yaml} request).
     *
     * @param live the stored object, or null when it does not exist (the apply creates it)
     * @param applied the configuration; {@code apiVersion}, {@code kind}, {@code metadata.name} and
     *     {@code metadata.namespace} identify the object and are not owned
     * @param manager the field manager, required
     * @param force take ownership of conflicting fields instead of failing
     * @param apiVersion the version the request was made in; the configuration must declare it
     * @param now the time recorded for this manager when the object changes
     * @param subresource {@code status}, or null/"" for the main resource
     * @return the new object with {@code metadata.managedFields} maintained; equal to {@code live}
     *     (apart from managedFields) when the apply changes nothing
     * @throws ApiException 409 Conflict with one {@code FieldManagerConflict} cause per field
     *     another manager owns and this configuration would change; 400 for a configuration of
     *     another version or kind, one carrying managedFields, or one the schema cannot type; 422
     *     without a manager
     */
    public ObjectNode apply(
            ObjectNode live,
            ObjectNode applied,
            String manager,
            boolean force,
            String apiVersion,
            Instant now,
            String subresource) {
        Objects.requireNonNull(applied, "applied");
        if (manager == null || manager.isEmpty()) {
            throw ApiException.invalid(
                    "meta.k8s.io",
                    "PatchOptions",
                    "",
                    List.of(new StatusCause(
                            StatusCause.FIELD_VALUE_REQUIRED,
                            "Required value: is required for apply patch",
                            "fieldManager")));
        }
        checkIdentity(live, applied, apiVersion);
        JsonNode requestedManaged = applied.path("metadata").get("managedFields");
        if (requestedManaged != null && !requestedManaged.isNull()) {
            throw ApiException.badRequest("metadata.managedFields must be nil");
        }
        List<String> errors = Typed.validate(applied, root);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("failed to create typed patch object (" + describe(applied) + "): "
                    + (errors.size() == 1 ? errors.get(0) : "errors:\n  " + String.join("\n  ", errors)));
        }

        String sub = subresource == null ? "" : subresource;
        FieldSet ignored = resetFields.getOrDefault(sub, FieldSet.empty());
        ManagedFields managed = liveManaged(live);
        ObjectNode liveObj = live == null ? F.objectNode() : withoutManagedFields(live);
        ObjectNode config = applied.deepCopy();

        JsonNode merged = Typed.merge(liveObj, config, root);
        ManagedFields.ManagerKey key = ManagedFields.ManagerKey.apply(manager, sub);
        ManagedFields.Entry last = managed.get(key);
        FieldSet applying = Typed.toFieldSet(config, root).recursiveDifference(ignored);
        managed.put(key, new ManagedFields.Entry(applying, apiVersion, last == null ? null : last.time()));
        JsonNode pruned = last == null ? merged : prune(merged, managed, last.fields());

        Typed.Comparison cmp =
                Typed.compare(baseline(liveObj), baseline(pruned), root).excluding(ignored);
        FieldSet changed = cmp.changed();
        Map<ManagedFields.ManagerKey, FieldSet> conflicts = new LinkedHashMap<>();
        managed.entries().forEach((k, e) -> {
            if (!k.equals(key)) {
                FieldSet c = e.fields().intersection(changed);
                if (!c.isEmpty()) {
                    conflicts.put(k, c);
                }
            }
        });
        if (!force && !conflicts.isEmpty()) {
            throw ApplyConflicts.toException(conflicts);
        }
        for (Map.Entry<ManagedFields.ManagerKey, ManagedFields.Entry> e :
                new ArrayList<>(managed.entries().entrySet())) {
            ManagedFields.Entry entry = e.getValue();
            FieldSet kept = entry.fields();
            if (!e.getKey().equals(key)) {
                kept = kept.difference(conflicts.getOrDefault(e.getKey(), FieldSet.empty()))
                        .difference(cmp.removed());
            } else {
                kept = kept.difference(STRIPPED);
            }
            if (kept.isEmpty()) {
                managed.remove(e.getKey());
            } else if (!kept.equals(entry.fields())) {
                managed.put(e.getKey(), new ManagedFields.Entry(kept, entry.apiVersion(), entry.time()));
            }
        }

        ObjectNode out = pruned instanceof ObjectNode o ? o : F.objectNode();
        Typed.dropNulls(out, root);
        boolean noop = Values.equal(liveObj, out);
        if (noop) {
            out = liveObj;
        }
        ManagedFields.Entry mine = managed.get(key);
        if (mine != null && (!noop || mine.time() == null)) {
            // kube leaves a no-op applier's time alone; a brand-new entry still gets one here.
            managed.put(key, new ManagedFields.Entry(mine.fields(), mine.apiVersion(), seconds(now)));
        }
        return withManagedFields(out, managed);
    }

    private void checkIdentity(ObjectNode live, ObjectNode applied, String apiVersion) {
        String appliedVersion = applied.path("apiVersion").asText("");
        String appliedKind = applied.path("kind").asText("");
        GroupVersionKind appliedGvk = GroupVersionKind.of(appliedVersion, appliedKind);
        if (gvk != null && !gvk.equals(appliedGvk)) {
            throw ApiException.badRequest("invalid object type: " + appliedGvk);
        }
        if (!Objects.equals(appliedVersion, apiVersion)) {
            throw ApiException.badRequest("Incorrect version specified in apply patch. Specified patch version: "
                    + appliedVersion + ", expected: " + apiVersion);
        }
        String liveKind = live == null ? "" : live.path("kind").asText("");
        if (appliedKind.isEmpty() || (!liveKind.isEmpty() && !liveKind.equals(appliedKind))) {
            throw ApiException.badRequest("invalid object type: " + appliedGvk);
        }
    }

    private static String describe(ObjectNode obj) {
        JsonNode meta = obj.path("metadata");
        return meta.path("namespace").asText("") + "/" + meta.path("name").asText("") + "; "
                + GroupVersionKind.of(
                        obj.path("apiVersion").asText(""), obj.path("kind").asText(""));
    }

    /**
     * Removes from {@code merged} what this applier applied last time ({@code lastApplied}), no
     * longer applies, and nobody else owns, in structured-merge-diff's three steps: remove all of
     * the last applied set, add back what any manager (this one's new set included) owns, then add
     * back whatever was not the applier's to remove.
     */
    private JsonNode prune(JsonNode merged, ManagedFields managed, FieldSet lastApplied) {
        if (lastApplied.isEmpty()) {
            return merged;
        }
        FieldSet last = ensure(lastApplied);
        JsonNode pruned = Typed.removeItems(merged, last, root);

        FieldSet owned = FieldSet.empty();
        for (ManagedFields.Entry e : managed.entries().values()) {
            owned = owned.union(e.fields());
        }
        FieldSet mergedSet = ensure(Typed.toFieldSet(merged, root));
        FieldSet prunedSet = ensure(Typed.toFieldSet(pruned, root));
        pruned = Typed.removeItems(merged, mergedSet.difference(prunedSet.union(ensure(owned))), root);

        prunedSet = ensure(Typed.toFieldSet(pruned, root));
        return Typed.removeItems(merged, mergedSet.difference(prunedSet).intersection(last), root);
    }

    private FieldSet ensure(FieldSet set) {
        return Typed.ensureNamedFieldsAreMembers(set, root);
    }

    // ---------------------------------------------------------------- helpers

    /** What kube compares: for built-in kinds, the object as its Go struct would serialize. */
    private JsonNode baseline(JsonNode obj) {
        if (!builtIn || obj == null) {
            return obj;
        }
        return Typed.fillGoZeroValues(obj.deepCopy(), root);
    }

    private static Instant seconds(Instant now) {
        return (now == null ? Instant.now() : now).truncatedTo(ChronoUnit.SECONDS);
    }

    private static JsonNode managedFieldsOf(ObjectNode obj) {
        JsonNode meta = obj.get("metadata");
        return meta == null ? null : meta.get("managedFields");
    }

    private static ObjectNode withoutManagedFields(ObjectNode obj) {
        ObjectNode copy = obj.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode meta) {
            meta.remove("managedFields");
        }
        return copy;
    }

    private static ObjectNode withManagedFields(ObjectNode obj, ManagedFields managed) {
        ObjectNode out = obj.deepCopy();
        ArrayNode encoded = managed.encode();
        JsonNode meta = out.get("metadata");
        if (encoded == null) {
            if (meta instanceof ObjectNode m) {
                m.remove("managedFields");
            }
            return out;
        }
        ObjectNode m = meta instanceof ObjectNode existing ? existing : out.putObject("metadata");
        m.set("managedFields", encoded);
        return out;
    }
}
