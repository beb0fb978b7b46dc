package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.work.ResourceHealth;
import java.util.List;
import java.util.Optional;

/**
 * core/Service. A LoadBalancer Service is healthy once its load balancer has an address; any other
 * type is healthy when it exists. The federated status lists the load balancer addresses of every
 * cluster.
 */
final class ServiceInterpreter extends GenericInterpreter {

    private static final String LOAD_BALANCER = "LoadBalancer";

    private static String type(JsonNode service) {
        return Trees.text(service, "spec", "type").orElse("ClusterIP");
    }

    /**
     * The member allocates cluster IPs, node ports and the health check node port, and defaults the
     * IP families; a manifest that leaves them unset keeps the member's, so an update neither fails
     * on an immutable field nor moves a port clients use. Only what the desired type can carry is
     * kept.
     */
    @Override
    void retainIn(ObjectNode desired, ObjectNode observed) {
        ObjectNode spec = Trees.object(desired, "spec");
        JsonNode memberSpec = observed.path("spec");
        String type = type(desired);
        if (!type.equals("ExternalName")) {
            keepWhenUnset(spec, memberSpec, "clusterIP");
            keepWhenUnset(spec, memberSpec, "clusterIPs");
            keepWhenUnset(spec, memberSpec, "ipFamilies");
            keepWhenUnset(spec, memberSpec, "ipFamilyPolicy");
        }
        boolean nodePorts = type.equals("NodePort")
                || (type.equals(LOAD_BALANCER)
                        && !"false"
                                .equals(spec.path("allocateLoadBalancerNodePorts")
                                        .asText()));
        if (nodePorts) {
            for (JsonNode port : Trees.elements(spec, "ports")) {
                if (Trees.number(port, 0L, "nodePort") == 0 && port instanceof ObjectNode own) {
                    matchingPort(memberSpec, port)
                            .flatMap(p -> Trees.number(p, "nodePort"))
                            .filter(n -> n > 0)
                            .ifPresent(n -> own.put("nodePort", n));
                }
            }
        }
        boolean localTraffic = type.equals(LOAD_BALANCER)
                && "Local".equals(spec.path("externalTrafficPolicy").asText());
        if (localTraffic && Trees.number(spec, 0L, "healthCheckNodePort") == 0) {
            Trees.number(memberSpec, "healthCheckNodePort")
                    .filter(n -> n > 0)
                    .ifPresent(n -> spec.put("healthCheckNodePort", n));
        }
    }

    private static void keepWhenUnset(ObjectNode spec, JsonNode memberSpec, String field) {
        JsonNode own = spec.get(field);
        boolean unset = own == null
                || own.isNull()
                || (own.isTextual() && own.asText().isEmpty())
                || (own.isArray() && own.isEmpty());
        JsonNode member = memberSpec.get(field);
        if (unset && member != null && !member.isNull()) {
            spec.set(field, member.deepCopy());
        }
    }

    /** The member's port with the same port number and protocol, as the API server matches them. */
    private static Optional<JsonNode> matchingPort(JsonNode memberSpec, JsonNode port) {
        long number = Trees.number(port, -1L, "port");
        String protocol = Trees.text(port, "protocol").orElse("TCP");
        return Trees.elements(memberSpec, "ports").stream()
                .filter(p -> Trees.number(p, -2L, "port") == number
                        && Trees.text(p, "protocol").orElse("TCP").equals(protocol))
                .findFirst();
    }

    @Override
    ResourceHealth healthOf(ObjectNode object) {
        if (!type(object).equals(LOAD_BALANCER)) {
            return ResourceHealth.HEALTHY;
        }
        return LoadBalancers.hasAddress(object.path("status")) ? ResourceHealth.HEALTHY : ResourceHealth.UNHEALTHY;
    }

    @Override
    Optional<ObjectNode> reflectStatusOf(ObjectNode object) {
        return Trees.status(object).map(status -> Trees.pick(status, "loadBalancer", "conditions"));
    }

    @Override
    Optional<ObjectNode> aggregateStatusOf(ObjectNode template, List<MemberStatus> members) {
        ObjectNode status = Trees.NODES.objectNode();
        status.set(
                "loadBalancer",
                type(template).equals(LOAD_BALANCER) ? LoadBalancers.merge(members) : Trees.NODES.objectNode());
        ArrayNode conditions = StatusConditions.merge(members);
        putConditions(status, conditions);
        return Optional.of(status);
    }
}
