package io.meridian.sandbox.member;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the simulator needs to know about a pod template: a hash that changes when the template does (as the
 * {@code pod-template-hash} of a real ReplicaSet, and encoded the same way, so names look familiar), whether its
 * images mark it as broken, and what one pod of it requests.
 */
final class PodTemplates {

    // The alphabet Kubernetes encodes hashes in: no vowels, no look-alike characters.
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private PodTemplates() {}

    /** A short stable hash of the template, like {@code 7d9c8b6f5}. */
    static String hash(PodTemplateSpec template, KubernetesSerialization serialization) {
        String json = serialization.asJson(template == null ? new PodTemplateSpec() : template);
        int h = 0x811c9dc5;
        for (byte b : json.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        String digits = Long.toString(Integer.toUnsignedLong(h));
        StringBuilder out = new StringBuilder(digits.length());
        for (char c : digits.toCharArray()) {
            out.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return out.toString();
    }

    /** Whether any image of the template contains {@code marker}: its pods crash and never become ready. */
    static boolean broken(PodTemplateSpec template, String marker) {
        if (marker == null || marker.isEmpty()) {
            return false;
        }
        return containers(template).stream()
                .map(Container::getImage)
                .anyMatch(image -> image != null && image.contains(marker));
    }

    /** What one pod of the template requests: the sum over its containers (init containers not counted). */
    static Capacity requests(PodTemplateSpec template) {
        long milliCpu = 0;
        long memory = 0;
        PodSpec spec = template == null ? null : template.getSpec();
        if (spec != null && spec.getContainers() != null) {
            for (Container c : spec.getContainers()) {
                if (c.getResources() == null || c.getResources().getRequests() == null) {
                    continue;
                }
                Map<String, Quantity> requests = c.getResources().getRequests();
                milliCpu += milliCpu(requests.get("cpu"));
                memory += bytes(requests.get("memory"));
            }
        }
        return new Capacity(milliCpu, memory, 1);
    }

    static long milliCpu(Quantity q) {
        return q == null
                ? 0
                : q.getNumericalAmount().multiply(BigDecimal.valueOf(1000)).longValue();
    }

    static long bytes(Quantity q) {
        return q == null ? 0 : q.getNumericalAmount().longValue();
    }

    private static List<Container> containers(PodTemplateSpec template) {
        List<Container> out = new ArrayList<>();
        if (template != null && template.getSpec() != null) {
            if (template.getSpec().getContainers() != null) {
                out.addAll(template.getSpec().getContainers());
            }
            if (template.getSpec().getInitContainers() != null) {
                out.addAll(template.getSpec().getInitContainers());
            }
        }
        return out;
    }
}
