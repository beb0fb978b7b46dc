package io.meridian.membersync.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.reconciler.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The labels that make a member object Meridian's and trace it back to its Work: {@code
 * meridian.io/managed-by=meridian}, {@code meridian.io/work-name} and {@code
 * meridian.io/work-namespace}. Only objects that carry them are updated, watched and pruned.
 *
 * <p>A label value holds at most 63 characters and a Work name may hold 253. A longer name is
 * shortened in the label (its head and a hash, so distinct names stay distinct) and written whole
 * in an annotation of the same key, from which the Work is found again.
 */
public final class Ownership {

    /** The label selector of every object Meridian manages in a member. */
    public static final String SELECTOR = MeridianLabels.MANAGED_BY + "=" + MeridianLabels.MANAGED_BY_VALUE;

    private static final int MAX_LABEL_VALUE = 63;

    private Ownership() {}

    /** Whether {@code object} carries {@code meridian.io/managed-by=meridian}. */
    public static boolean isManaged(HasMetadata object) {
        return object != null
                && object.getMetadata() != null
                && object.getMetadata().getLabels() != null
                && MeridianLabels.MANAGED_BY_VALUE.equals(
                        object.getMetadata().getLabels().get(MeridianLabels.MANAGED_BY));
    }

    /** The Work a managed object says it came from. */
    public static Optional<ObjectKey> workOf(HasMetadata object) {
        if (!isManaged(object)) {
            return Optional.empty();
        }
        Map<String, String> labels = object.getMetadata().getLabels();
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        String namespace = labels.get(MeridianLabels.WORK_NAMESPACE);
        String name = annotations != null && annotations.containsKey(MeridianLabels.WORK_NAME)
                ? annotations.get(MeridianLabels.WORK_NAME)
                : labels.get(MeridianLabels.WORK_NAME);
        if (namespace == null || namespace.isEmpty() || name == null || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ObjectKey(namespace, name));
    }

    /** The value under which an object of {@code work} is indexed: its work-namespace and work-name labels. */
    public static String indexKey(ObjectKey work) {
        return work.namespace() + "/" + labelValue(work.name());
    }

    /** The index key of a managed object's labels, or empty when it has none. */
    public static Optional<String> indexKeyOf(HasMetadata object) {
        if (!isManaged(object)) {
            return Optional.empty();
        }
        Map<String, String> labels = object.getMetadata().getLabels();
        String namespace = labels.get(MeridianLabels.WORK_NAMESPACE);
        String name = labels.get(MeridianLabels.WORK_NAME);
        return namespace == null || name == null ? Optional.empty() : Optional.of(namespace + "/" + name);
    }

    /** The ownership labels for an object applied from {@code work}. */
    public static Map<String, String> labels(ObjectKey work) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MeridianLabels.MANAGED_BY, MeridianLabels.MANAGED_BY_VALUE);
        labels.put(MeridianLabels.WORK_NAMESPACE, work.namespace());
        labels.put(MeridianLabels.WORK_NAME, labelValue(work.name()));
        return labels;
    }

    /** The annotations that go with {@link #labels}: the whole Work name, when the label had to shorten it. */
    public static Map<String, String> annotations(ObjectKey work) {
        return labelValue(work.name()).equals(work.name()) ? Map.of() : Map.of(MeridianLabels.WORK_NAME, work.name());
    }

    static String labelValue(String name) {
        if (name.length() <= MAX_LABEL_VALUE) {
            return name;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        String hash = HexFormat.of().toHexDigits((int) crc.getValue());
        String head = name.substring(0, MAX_LABEL_VALUE - hash.length() - 1);
        // A label value must end alphanumeric; the head may have been cut after a dot or a dash.
        while (!head.isEmpty() && !Character.isLetterOrDigit(head.charAt(head.length() - 1))) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "-" + hash;
    }
}
