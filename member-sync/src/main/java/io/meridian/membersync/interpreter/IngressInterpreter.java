package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.work.ResourceHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * networking.k8s.io/Ingress. Healthy once its controller has published an address. The federated
 * status lists the addresses of every cluster. Its TLS secrets go with it.
 */
final class IngressInterpreter extends GenericInterpreter {

    @Override
    ResourceHealth healthOf(ObjectNode object) {
        return LoadBalancers.hasAddress(object.path("status")) ? ResourceHealth.HEALTHY : ResourceHealth.UNHEALTHY;
    }

    @Override
    Optional<ObjectNode> reflectStatusOf(ObjectNode object) {
        return Trees.status(object).map(status -> Trees.pick(status, "loadBalancer"));
    }

    @Override
    Optional<ObjectNode> aggregateStatusOf(ObjectNode template, List<MemberStatus> members) {
        ObjectNode status = Trees.NODES.objectNode();
        status.set("loadBalancer", LoadBalancers.merge(members));
        return Optional.of(status);
    }

    @Override
    List<DependentObjectReference> dependenciesOf(ObjectNode object) {
        TreeSet<String> secrets = new TreeSet<>();
        for (JsonNode tls : Trees.elements(object, "spec", "tls")) {
            Trees.text(tls, "secretName").ifPresent(secrets::add);
        }
        List<DependentObjectReference> result = new ArrayList<>();
        secrets.forEach(name -> result.add(DependentObjectReference.core("Secret", namespace(object), name)));
        return result;
    }
}
