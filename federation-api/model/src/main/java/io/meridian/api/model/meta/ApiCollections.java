package io.meridian.api.model.meta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies for the collection fields of API types: never null, never shared with the
 * caller, never modifiable, so an object taken from an informer cache cannot be changed in place.
 */
public final class ApiCollections {

    private ApiCollections() {}

    /** An unmodifiable copy of {@code list}, empty when it is null. */
    public static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** An unmodifiable copy of {@code map} that keeps its order, empty when it is null. */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        // Map.copyOf would shuffle the keys on every run, and so the YAML the API serves.
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
