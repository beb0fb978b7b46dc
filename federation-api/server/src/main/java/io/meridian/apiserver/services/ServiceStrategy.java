package io.meridian.apiserver.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.registry.KindStrategy;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.StatusCause;
import io.meridian.apiserver.validation.ObjectMetaValidator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Services get what kube-apiserver gives them: a cluster IP from the service range, node ports
 * for NodePort and LoadBalancer services, and the defaults clients rely on. An update that leaves
 * the allocated values out keeps them, as kube's service storage does, so a controller that
 * rewrites a Service from a template does not lose its address.
 */
public final class ServiceStrategy implements KindStrategy {

    // 10.96.0.0/12, the kubeadm default service range.
    private static final int RANGE_BASE = (10 << 24) | (96 << 16);
    private static final int RANGE_SIZE = 1 << 20;

    private final SecureRandom random = new SecureRandom();

    @Override
    public ObjectMetaValidator.NameRule nameRule() {
        return ObjectMetaValidator.NameRule.DNS1035_LABEL;
    }

    @Override
    public boolean tracksGeneration(ResourceType type) {
        return false;
    }

    @Override
    public void prepareForCreate(ResourceType type, ObjectNode obj) {
        ObjectNode spec = obj.with("spec");
        defaults(spec);
        allocate(spec);
    }

    @Override
    public void prepareForUpdate(ResourceType type, ObjectNode obj, ObjectNode old) {
        ObjectNode spec = obj.with("spec");
        defaults(spec);
        JsonNode oldSpec = old.path("spec");
        String serviceType = spec.path("type").asText();
        if (!serviceType.equals("ExternalName")) {
            for (String f :
                    List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy", "internalTrafficPolicy")) {
                if (unset(spec.get(f)) && oldSpec.has(f)) {
                    spec.set(f, oldSpec.get(f));
                }
            }
        }
        if (needsNodePorts(serviceType)) {
            // Node ports left out of an update keep their allocation, port by port.
            for (JsonNode port : spec.path("ports")) {
                if (port.path("nodePort").asInt(0) == 0) {
                    for (JsonNode oldPort : oldSpec.path("ports")) {
                        if (oldPort.path("port").equals(port.path("port"))
                                && oldPort.path("protocol")
                                        .asText("TCP")
                                        .equals(port.path("protocol").asText("TCP"))
                                && oldPort.has("nodePort")) {
                            ((ObjectNode) port).set("nodePort", oldPort.get("nodePort"));
                        }
                    }
                }
            }
        }
        // What is still missing (a new port, a type that now needs an address) is allocated.
        allocate(spec);
    }

    private void allocate(ObjectNode spec) {
        String serviceType = spec.path("type").asText();
        if (!serviceType.equals("ExternalName")) {
            String ip = spec.path("clusterIP").asText("");
            if (ip.isEmpty()) {
                ip = allocateIp();
                spec.put("clusterIP", ip);
            }
            if (unset(spec.get("clusterIPs"))) {
                spec.putArray("clusterIPs").add(ip);
            }
            if (!ip.equals("None")) {
                spec.putArray("ipFamilies").add("IPv4");
                spec.put("ipFamilyPolicy", "SingleStack");
            }
            spec.put("internalTrafficPolicy", spec.path("internalTrafficPolicy").asText("Cluster"));
        }
        if (needsNodePorts(serviceType)) {
            for (JsonNode port : spec.path("ports")) {
                if (port.path("nodePort").asInt(0) == 0) {
                    ((ObjectNode) port).put("nodePort", 30000 + random.nextInt(2768));
                }
            }
            if (!spec.has("externalTrafficPolicy")) {
                spec.put("externalTrafficPolicy", "Cluster");
            }
        }
        if (serviceType.equals("LoadBalancer") && !spec.has("allocateLoadBalancerNodePorts")) {
            spec.put("allocateLoadBalancerNodePorts", true);
        }
    }

    private static boolean needsNodePorts(String serviceType) {
        return serviceType.equals("NodePort") || serviceType.equals("LoadBalancer");
    }

    /** kube reads an empty value as one the client left out. */
    private static boolean unset(JsonNode v) {
        return v == null || v.isNull() || v.isTextual() && v.asText().isEmpty() || v.isArray() && v.isEmpty();
    }

    @Override
    public List<StatusCause> validate(ResourceType type, ObjectNode obj, ObjectNode old) {
        List<StatusCause> causes = new ArrayList<>();
        if (old != null) {
            String was = old.path("spec").path("clusterIP").asText("");
            String now = obj.path("spec").path("clusterIP").asText("");
            if (!was.isEmpty()
                    && !now.equals(was)
                    && !obj.path("spec").path("type").asText().equals("ExternalName")) {
                causes.add(StatusCause.invalid("spec.clusterIPs[0]", now, "may not change once set"));
            }
        }
        if (!obj.path("spec").path("type").asText().equals("ExternalName")
                && obj.path("spec").path("ports").isEmpty()
                && !obj.path("spec").path("clusterIP").asText().equals("None")) {
            causes.add(StatusCause.required("spec.ports"));
        }
        return causes;
    }

    private static void defaults(ObjectNode spec) {
        if (!spec.has("type")) {
            spec.put("type", "ClusterIP");
        }
        if (!spec.has("sessionAffinity")) {
            spec.put("sessionAffinity", "None");
        }
        JsonNode ports = spec.path("ports");
        if (ports instanceof ArrayNode list) {
            for (JsonNode p : list) {
                ObjectNode port = (ObjectNode) p;
                if (!port.has("protocol")) {
                    port.put("protocol", "TCP");
                }
                if (!port.has("targetPort") && port.has("port")) {
                    port.set("targetPort", port.get("port"));
                }
            }
        }
    }

    private String allocateIp() {
        // Random within a million addresses; a clash is as unlikely as in kube's bitmap allocator
        // being full, and member clusters never share a service range with each other.
        int ip = RANGE_BASE + 1 + random.nextInt(RANGE_SIZE - 2);
        return ((ip >>> 24) & 0xff) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
    }
}
