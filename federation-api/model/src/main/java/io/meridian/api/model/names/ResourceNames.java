package io.meridian.api.model.names;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Names of the objects Meridian derives from others, computed in one place so that every component
 * finds the object another one wrote.
 */
public final class ResourceNames {

    private ResourceNames() {}

    /** The longest object name the API accepts (a DNS subdomain). */
    public static final int MAX_NAME_LENGTH = 253;

    /** The name of the heartbeat Lease of a cluster, kept in its execution namespace. */
    public static final String HEARTBEAT_LEASE = "meridian-heartbeat";

    /** The name of the controller's leader-election Lease, kept in {@link Namespaces#SYSTEM}. */
    public static final String CONTROLLER_LEASE = "meridian-controller";

    /**
     * The name of the binding for the object {@code name} of {@code kind}: {@code <name>-<kind>} in
     * lower case, in the object's own namespace (or cluster-scoped for a cluster-scoped object).
     */
    public static String bindingName(String kind, String name) {
        return fit((name + "-" + kind).toLowerCase(Locale.ROOT));
    }

    /**
     * The name of the Work that carries the object {@code namespace/name} of {@code kind} to one
     * cluster, in that cluster's execution namespace: {@code <namespace>.<name>-<kind>} in lower
     * case, or {@code <name>-<kind>} for a cluster-scoped object. The namespace prefix keeps objects of
     * different namespaces apart in the one execution namespace; namespaces contain no dots, so the
     * prefix is unambiguous.
     */
    public static String workName(String kind, String namespace, String name) {
        String base =
                namespace == null || namespace.isEmpty() ? name + "-" + kind : namespace + "." + name + "-" + kind;
        return fit(base.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code name} itself when it is short enough, otherwise its first characters followed by a hash
     * of the whole, so that distinct long names stay distinct.
     */
    static String fit(String name) {
        if (name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        String hash = HexFormat.of().toHexDigits((int) crc.getValue());
        String head = name.substring(0, MAX_NAME_LENGTH - hash.length() - 1);
        // A name must end alphanumeric; the head may have been cut after a dot or a dash.
        while (!head.isEmpty() && !Character.isLetterOrDigit(head.charAt(head.length() - 1))) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "-" + hash;
    }
}
