package io.meridian.apiserver.validation;

/**
 * A field path as kube's {@code field.Path} prints it: {@code spec.containers[0].image}, map keys in
 * brackets ({@code metadata.labels[app]}). Immutable; {@link #ROOT} prints as Go prints a nil path.
 */
record FieldPath(String text) {

    static final FieldPath ROOT = new FieldPath("");

    static FieldPath of(String first) {
        return new FieldPath(first);
    }

    FieldPath child(String name) {
        return new FieldPath(text.isEmpty() ? name : text + "." + name);
    }

    FieldPath index(int i) {
        return new FieldPath(text + "[" + i + "]");
    }

    FieldPath key(String k) {
        return new FieldPath(text + "[" + k + "]");
    }

    boolean isRoot() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return text.isEmpty() ? Causes.NIL_FIELD : text;
    }
}
