package io.meridian.api.model.meta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normal forms for the field values of API types, applied by their constructors so that an object
 * built in Java equals the same object read back from the API.
 *
 * <p>Collections are never null, never shared with the caller and never modifiable, so an object
 * taken from an informer cache cannot be changed in place. An empty optional string is null, since
 * the API leaves empty strings out (Go's {@code omitempty}) and reads them back as absent.
 */
public final class ApiValues {

    private ApiValues() {}

    /** An unmodifiable copy of {@code list}, empty when it is null. */
    public static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** An unmodifiable copy of {@code map} that keeps its order, empty when it is null. */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        // Map.copyOf would shuffle the keys on every run, and so the YAML the API serves.
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** {@code text}, or null when it is empty. */
    public static String text(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
