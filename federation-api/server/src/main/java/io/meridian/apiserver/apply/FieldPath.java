package io.meridian.apiserver.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * A path from the root of an object to one field, list element or set element. Printed as kube
 * prints paths in apply conflicts: {@code .spec.template.spec.containers[name="nginx"].image}.
 */
public record FieldPath(List<PathElement> elements) {

    public static final FieldPath ROOT = new FieldPath(List.of());

    public FieldPath {
        elements = List.copyOf(elements);
    }

    /** A path of plain field names, for example {@code of("spec", "replicas")}. */
    public static FieldPath of(String... fieldNames) {
        List<PathElement> out = new ArrayList<>();
        for (String n : fieldNames) {
            out.add(new PathElement.Field(n));
        }
        return new FieldPath(out);
    }

    public static FieldPath of(PathElement... elements) {
        return new FieldPath(List.of(elements));
    }

    public FieldPath child(PathElement element) {
        List<PathElement> out = new ArrayList<>(elements.size() + 1);
        out.addAll(elements);
        out.add(element);
        return new FieldPath(out);
    }

    public FieldPath child(String fieldName) {
        return child(new PathElement.Field(fieldName));
    }

    public boolean isRoot() {
        return elements.isEmpty();
    }

    public int size() {
        return elements.size();
    }

    public PathElement get(int i) {
        return elements.get(i);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        elements.forEach(sb::append);
        return sb.toString();
    }
}
