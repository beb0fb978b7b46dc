package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code status.loadBalancer} of Services and Ingresses. */
final class LoadBalancers {

    private LoadBalancers() {}

    /** Whether the status lists an ingress point with an IP or a hostname. */
    static boolean hasAddress(JsonNode status) {
        return Trees.elements(status, "loadBalancer", "ingress").stream()
                .anyMatch(i -> Trees.text(i, "ip").isPresent()
                        || Trees.text(i, "hostname").isPresent());
    }

    /**
     * Every cluster's ingress points in cluster order, each IP/hostname pair once (clusters behind
     * one anycast address report the same point), entries without either left out.
     */
    static ObjectNode merge(List<MemberStatus> members) {
        ArrayNode ingress = Trees.NODES.arrayNode();
        Set<List<String>> seen = new HashSet<>();
        for (MemberStatus member : members) {
            for (JsonNode point : Trees.elements(member.view(), "loadBalancer", "ingress")) {
                String ip = Trees.text(point, "ip").orElse("");
                String hostname = Trees.text(point, "hostname").orElse("");
                if ((ip.isEmpty() && hostname.isEmpty()) || !seen.add(List.of(ip, hostname))) {
                    continue;
                }
                ingress.add(point.deepCopy());
            }
        }
        ObjectNode loadBalancer = Trees.NODES.objectNode();
        if (!ingress.isEmpty()) {
            loadBalancer.set("ingress", ingress);
        }
        return loadBalancer;
    }
}
