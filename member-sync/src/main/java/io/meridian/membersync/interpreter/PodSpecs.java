package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BinaryOperator;

/** What a pod spec requests and refers to, wherever the pod spec sits in its workload. */
final class PodSpecs {

    private PodSpecs() {}

    private static final String SIDECAR_RESTART_POLICY = "Always";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    // --- resource requests -------------------------------------------------------------------

    /**
     * What one pod of {@code podSpec} requests, the way the scheduler counts it: containers and
     * restartable init containers (sidecars) add up; each other init container runs beside the
     * sidecars started before it, and the pod needs at least the largest of those; the overhead
     * comes on top. A limit without a request counts as the request, as the API server defaults it.
     */
    static Map<String, Quantity> requests(JsonNode podSpec) {
        Map<String, BigDecimal> total = new LinkedHashMap<>();
        for (JsonNode container : Trees.elements(podSpec, "containers")) {
            addInto(total, containerRequests(container), BigDecimal::add);
        }
        Map<String, BigDecimal> sidecars = new LinkedHashMap<>();
        Map<String, BigDecimal> initPeak = new LinkedHashMap<>();
        for (JsonNode init : Trees.elements(podSpec, "initContainers")) {
            Map<String, BigDecimal> own = containerRequests(init);
            Map<String, BigDecimal> whileRunning;
            if (SIDECAR_RESTART_POLICY.equals(init.path("restartPolicy").asText())) {
                addInto(total, own, BigDecimal::add);
                addInto(sidecars, own, BigDecimal::add);
                whileRunning = new LinkedHashMap<>(sidecars);
            } else {
                whileRunning = new LinkedHashMap<>(own);
                addInto(whileRunning, sidecars, BigDecimal::add);
            }
            addInto(initPeak, whileRunning, BigDecimal::max);
        }
        addInto(total, initPeak, BigDecimal::max);
        addInto(total, quantities(podSpec.path("overhead")), BigDecimal::add);

        Map<String, Quantity> result = new LinkedHashMap<>();
        total.forEach((name, amount) -> {
            if (amount.signum() > 0) {
                result.put(name, canonical(amount));
            }
        });
        return result;
    }

    private static Map<String, BigDecimal> containerRequests(JsonNode container) {
        Map<String, BigDecimal> requests =
                quantities(container.path("resources").path("limits"));
        requests.putAll(quantities(container.path("resources").path("requests")));
        return requests;
    }

    private static Map<String, BigDecimal> quantities(JsonNode map) {
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        map.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (value.isNumber() || value.isTextual()) {
                try {
                    result.put(entry.getKey(), new Quantity(value.asText()).getNumericalAmount());
                } catch (RuntimeException e) {
                    // An unreadable quantity is refused by the member's API server; it asks nothing here.
                }
            }
        });
        return result;
    }

    private static void addInto(
            Map<String, BigDecimal> target, Map<String, BigDecimal> values, BinaryOperator<BigDecimal> combine) {
        values.forEach((name, value) -> target.merge(name, value, combine));
    }

    /** Whole numbers plainly, fractions of a unit in thousandths ({@code 250m}), as kubectl writes CPU. */
    static Quantity canonical(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return new Quantity(stripped.toBigInteger().toString());
        }
        BigDecimal milli = stripped.multiply(THOUSAND).stripTrailingZeros();
        if (milli.scale() <= 0) {
            return new Quantity(milli.toBigInteger() + "m");
        }
        return new Quantity(stripped.toPlainString());
    }

    // --- dependencies ------------------------------------------------------------------------

    /** Volume plugins that name a secret in {@code <plugin>.secretRef.name}. */
    private static final List<String> SECRET_REF_VOLUMES =
            List.of("cephfs", "cinder", "flexVolume", "rbd", "scaleIO", "iscsi", "storageos");

    /** The ConfigMaps, Secrets, ServiceAccount and PersistentVolumeClaims {@code podSpec} refers to. */
    static List<DependentObjectReference> dependencies(JsonNode podSpec, String namespace) {
        TreeSet<String> configMaps = new TreeSet<>();
        TreeSet<String> secrets = new TreeSet<>();
        TreeSet<String> serviceAccounts = new TreeSet<>();
        TreeSet<String> claims = new TreeSet<>();

        for (JsonNode reference : Trees.elements(podSpec, "imagePullSecrets")) {
            add(secrets, reference, "name");
        }
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (JsonNode container : Trees.elements(podSpec, list)) {
                for (JsonNode source : Trees.elements(container, "envFrom")) {
                    add(configMaps, source, "configMapRef", "name");
                    add(secrets, source, "secretRef", "name");
                }
                for (JsonNode variable : Trees.elements(container, "env")) {
                    add(configMaps, variable, "valueFrom", "configMapKeyRef", "name");
                    add(secrets, variable, "valueFrom", "secretKeyRef", "name");
                }
            }
        }
        for (JsonNode volume : Trees.elements(podSpec, "volumes")) {
            add(configMaps, volume, "configMap", "name");
            add(secrets, volume, "secret", "secretName");
            add(claims, volume, "persistentVolumeClaim", "claimName");
            for (JsonNode source : Trees.elements(volume, "projected", "sources")) {
                add(configMaps, source, "configMap", "name");
                add(secrets, source, "secret", "name");
            }
            add(secrets, volume, "azureFile", "secretName");
            add(secrets, volume, "csi", "nodePublishSecretRef", "name");
            for (String plugin : SECRET_REF_VOLUMES) {
                add(secrets, volume, plugin, "secretRef", "name");
            }
        }
        // serviceAccount is the deprecated spelling; the API server copies one into the other.
        Optional<String> serviceAccount =
                Trees.text(podSpec, "serviceAccountName").or(() -> Trees.text(podSpec, "serviceAccount"));
        serviceAccount.filter(name -> !name.equals("default")).ifPresent(serviceAccounts::add);

        List<DependentObjectReference> result = new ArrayList<>();
        configMaps.forEach(name -> result.add(DependentObjectReference.core("ConfigMap", namespace, name)));
        secrets.forEach(name -> result.add(DependentObjectReference.core("Secret", namespace, name)));
        serviceAccounts.forEach(name -> result.add(DependentObjectReference.core("ServiceAccount", namespace, name)));
        claims.forEach(name -> result.add(DependentObjectReference.core("PersistentVolumeClaim", namespace, name)));
        return result;
    }

    private static void add(TreeSet<String> names, JsonNode node, String... path) {
        Trees.text(node, path).ifPresent(names::add);
    }
}
