package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * core/ServiceAccount. The member's token controller may list generated secrets in it; clearing
 * them on every update would have it regenerate them forever. Its image pull secrets go with it.
 */
final class ServiceAccountInterpreter extends GenericInterpreter {

    @Override
    void retainIn(ObjectNode desired, ObjectNode observed) {
        if (!Trees.hasNonEmptyArray(desired, "secrets") && Trees.hasNonEmptyArray(observed, "secrets")) {
            desired.set("secrets", observed.get("secrets").deepCopy());
        }
    }

    @Override
    List<DependentObjectReference> dependenciesOf(ObjectNode object) {
        TreeSet<String> secrets = new TreeSet<>();
        for (JsonNode reference : Trees.elements(object, "imagePullSecrets")) {
            Trees.text(reference, "name").ifPresent(secrets::add);
        }
        List<DependentObjectReference> result = new ArrayList<>();
        secrets.forEach(name -> result.add(DependentObjectReference.core("Secret", namespace(object), name)));
        return result;
    }
}
