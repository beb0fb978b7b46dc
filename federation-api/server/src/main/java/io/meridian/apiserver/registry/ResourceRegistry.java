package io.meridian.apiserver.registry;

import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.resource.ResourceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The served resources: built-in kinds registered at start-up and kinds that
 * CustomResourceDefinitions add and remove while the server runs. Discovery, OpenAPI, the request
 * path and the watch caches all read it, and hear about changes through listeners.
 */
public final class ResourceRegistry {

    /** A registered resource and where it came from. */
    public record Entry(ResourceType type, String owner, boolean storageVersion) {}

    private volatile Map<String, Entry> byPath = Map.of();
    private final List<Consumer<ResourceRegistry>> listeners = new CopyOnWriteArrayList<>();
    private volatile long generation;

    /** Registers {@code types} under {@code owner} (a CRD name, or "builtin"), replacing what the owner had. */
    public synchronized void register(String owner, List<ResourceType> types, String storageVersion) {
        Map<String, Entry> next = new LinkedHashMap<>();
        byPath.forEach((k, v) -> {
            if (!v.owner().equals(owner)) {
                next.put(k, v);
            }
        });
        for (ResourceType t : types) {
            next.put(
                    path(t.group(), t.version(), t.plural()),
                    new Entry(t, owner, t.version().equals(storageVersion)));
        }
        byPath = Map.copyOf(next);
        generation++;
        listeners.forEach(l -> l.accept(this));
    }

    /** Registers one built-in type. */
    public void registerBuiltin(ResourceType type) {
        synchronized (this) {
            Map<String, Entry> next = new LinkedHashMap<>(byPath);
            next.put(
                    path(type.group(), type.version(), type.plural()),
                    new Entry(type, "builtin:" + type.groupResource(), true));
            byPath = Map.copyOf(next);
            generation++;
        }
        listeners.forEach(l -> l.accept(this));
    }

    public synchronized void unregister(String owner) {
        Map<String, Entry> next = new LinkedHashMap<>();
        byPath.forEach((k, v) -> {
            if (!v.owner().equals(owner)) {
                next.put(k, v);
            }
        });
        if (next.size() != byPath.size()) {
            byPath = Map.copyOf(next);
            generation++;
            listeners.forEach(l -> l.accept(this));
        }
    }

    public Optional<ResourceType> find(String group, String version, String plural) {
        Entry e = byPath.get(path(group, version, plural));
        return e == null ? Optional.empty() : Optional.of(e.type());
    }

    public Optional<ResourceType> findKind(GroupVersionKind gvk) {
        return byPath.values().stream()
                .map(Entry::type)
                .filter(t -> t.group().equals(gvk.group())
                        && t.version().equals(gvk.version())
                        && t.kind().equals(gvk.kind()))
                .findFirst();
    }

    /** Any served version of {@code group}/{@code plural}, the storage version first. */
    public List<ResourceType> versionsOf(String group, String plural) {
        return byPath.values().stream()
                .filter(e -> e.type().group().equals(group) && e.type().plural().equals(plural))
                .sorted(Comparator.comparing((Entry e) -> !e.storageVersion()))
                .map(Entry::type)
                .toList();
    }

    /** Whether {@code type} is a native Kubernetes kind (not a CRD's and not a meridian.io kind). */
    public boolean isNative(ResourceType type) {
        Entry e = byPath.get(path(type.group(), type.version(), type.plural()));
        return e != null && e.owner().startsWith("builtin:");
    }

    public List<Entry> entries() {
        return List.copyOf(byPath.values());
    }

    public List<ResourceType> all() {
        return byPath.values().stream().map(Entry::type).toList();
    }

    /** Served groups in discovery order, each with its versions, the preferred one first. */
    public Map<String, List<String>> groups() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<Entry> sorted = new ArrayList<>(byPath.values());
        for (Entry e : sorted) {
            List<String> versions = out.computeIfAbsent(e.type().group(), g -> new ArrayList<>());
            if (!versions.contains(e.type().version())) {
                if (e.storageVersion()) {
                    versions.add(0, e.type().version());
                } else {
                    versions.add(e.type().version());
                }
            }
        }
        out.values().forEach(v -> v.sort(ResourceRegistry::compareVersions));
        return out;
    }

    /**
     * Kubernetes version priority: GA before beta before alpha, higher numbers first, and versions
     * not shaped like {@code v1beta2} last, alphabetically.
     */
    static int compareVersions(String a, String b) {
        int byRank = Integer.compare(versionRank(b), versionRank(a));
        return byRank != 0 ? byRank : a.compareTo(b);
    }

    private static int versionRank(String v) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?")
                .matcher(v);
        if (!m.matches()) {
            return -1;
        }
        int major = Integer.parseInt(m.group(1));
        int stage = m.group(2) == null ? 3 : m.group(2).equals("beta") ? 2 : 1;
        int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return stage * 1_000_000 + major * 1000 + minor;
    }

    /** Incremented on every change; discovery and OpenAPI documents use it as their ETag. */
    public long generation() {
        return generation;
    }

    public void addListener(Consumer<ResourceRegistry> listener) {
        listeners.add(listener);
    }

    private static String path(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }
}
