package io.meridian.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which fields of the API's record types an object graph sets. Together with {@link #allFields}
 * this tells whether a set of fixtures exercises every field of every kind.
 */
final class FieldCoverage {

    private final Set<String> populated = new TreeSet<>();

    /** Every field, as {@code Type.component}, reachable from the spec and status of {@code kind}. */
    static Set<String> allFields(Class<? extends CustomResource<?, ?>> kind) {
        Set<String> fields = new TreeSet<>();
        ParameterizedType superType = (ParameterizedType) kind.getGenericSuperclass();
        for (Type t : superType.getActualTypeArguments()) {
            collect(t, fields);
        }
        return fields;
    }

    private static void collect(Type type, Set<String> fields) {
        if (type instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                collect(arg, fields);
            }
            return;
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                if (fields.add(c.getSimpleName() + "." + component.getName())) {
                    collect(component.getGenericType(), fields);
                }
            }
        }
    }

    /** Records the fields {@code value} and everything below it set. */
    void visit(Object value) {
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object child;
                try {
                    child = component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
                if (!isEmpty(child)) {
                    populated.add(record.getClass().getSimpleName() + "." + component.getName());
                    visit(child);
                }
            }
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(this::visit);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(this::visit);
        }
    }

    Set<String> populated() {
        return populated;
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || value instanceof String s && s.isEmpty()
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty()
                || value instanceof JsonNode n && n.isContainerNode() && n.isEmpty();
    }
}
