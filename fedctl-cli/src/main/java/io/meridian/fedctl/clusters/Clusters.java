package io.meridian.fedctl.clusters;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.meta.Taint;
import io.meridian.api.model.meta.TaintEffect;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.TaintKeys;
import io.meridian.fedctl.UserError;
import io.meridian.fedctl.output.ConditionText;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Reading and changing member Clusters, as the cluster commands need. */
public final class Clusters {

    private static final int ATTEMPTS = 5;

    private Clusters() {}

    /** The Cluster called {@code name}; an unknown name is a {@link UserError}. */
    public static Cluster require(KubernetesClient client, String name) {
        Cluster cluster = client.resources(Cluster.class).withName(name).get();
        if (cluster == null) {
            throw unknown(name);
        }
        return cluster;
    }

    public static UserError unknown(String name) {
        return new UserError("unknown cluster '" + name + "'; 'fedctl get clusters' lists the joined clusters");
    }

    /**
     * Rewrites the spec of {@code name} with {@code change}, reading it again and retrying when
     * another writer (the cluster controller manages taints too) got there first.
     *
     * @return the Cluster as written, or as it was when {@code change} left the spec as it was
     */
    public static Cluster updateSpec(KubernetesClient client, String name, UnaryOperator<ClusterSpec> change) {
        for (int attempt = 1; ; attempt++) {
            Cluster cluster = require(client, name);
            ClusterSpec next = change.apply(cluster.getSpec());
            if (next.equals(cluster.getSpec())) {
                return cluster;
            }
            cluster.setSpec(next);
            try {
                return client.resource(cluster).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** {@code True}, {@code False} or {@code Unknown}: the Ready condition. */
    public static String ready(Cluster cluster) {
        List<Condition> conditions =
                cluster.getStatus() == null ? List.of() : cluster.getStatus().conditions();
        return Conditions.find(conditions, ConditionTypes.READY)
                .map(c -> ConditionText.of(c.status()))
                .orElse("Unknown");
    }

    /** The cordon or drain taint, if the cluster has one. */
    public static Optional<Taint> unschedulable(Cluster cluster) {
        List<Taint> taints =
                cluster.getSpec() == null ? List.of() : cluster.getSpec().taints();
        Optional<Taint> drain = taints.stream()
                .filter(t -> TaintKeys.UNSCHEDULABLE.equals(t.key()) && t.effect() == TaintEffect.NO_EXECUTE)
                .findFirst();
        return drain.isPresent()
                ? drain
                : taints.stream()
                        .filter(t -> TaintKeys.UNSCHEDULABLE.equals(t.key()))
                        .findFirst();
    }

    /** {@code Cordoned} (NoSchedule), {@code Draining} (NoExecute), or empty. */
    public static Optional<String> scheduling(Cluster cluster) {
        return unschedulable(cluster).map(t -> t.effect() == TaintEffect.NO_EXECUTE ? "Draining" : "Cordoned");
    }
}
