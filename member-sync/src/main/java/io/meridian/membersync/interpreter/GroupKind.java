package io.meridian.membersync.interpreter;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * A kind and its API group, without a version: interpreters are looked up by group and kind, so
 * {@code apps/v1} and a later {@code apps/v2} Deployment share one.
 *
 * @param group the API group; empty (never null) for the core group
 * @param kind the kind, such as {@code Deployment}
 */
public record GroupKind(String group, String kind) {

    public static final GroupKind DEPLOYMENT = new GroupKind("apps", "Deployment");
    public static final GroupKind STATEFUL_SET = new GroupKind("apps", "StatefulSet");
    public static final GroupKind DAEMON_SET = new GroupKind("apps", "DaemonSet");
    public static final GroupKind REPLICA_SET = new GroupKind("apps", "ReplicaSet");
    public static final GroupKind JOB = new GroupKind("batch", "Job");
    public static final GroupKind CRON_JOB = new GroupKind("batch", "CronJob");
    public static final GroupKind SERVICE = new GroupKind("", "Service");
    public static final GroupKind INGRESS = new GroupKind("networking.k8s.io", "Ingress");
    public static final GroupKind PERSISTENT_VOLUME_CLAIM = new GroupKind("", "PersistentVolumeClaim");
    public static final GroupKind POD = new GroupKind("", "Pod");
    public static final GroupKind SERVICE_ACCOUNT = new GroupKind("", "ServiceAccount");
    public static final GroupKind CONFIG_MAP = new GroupKind("", "ConfigMap");
    public static final GroupKind SECRET = new GroupKind("", "Secret");

    public GroupKind {
        group = group == null ? "" : group;
        Objects.requireNonNull(kind, "kind");
    }

    /** The group and kind of an {@code apiVersion} ({@code apps/v1}, {@code v1}) and kind. */
    public static GroupKind of(String apiVersion, String kind) {
        return new GroupKind(Trees.group(apiVersion), kind);
    }

    /** The group and kind of {@code object}. */
    public static GroupKind of(HasMetadata object) {
        return of(object.getApiVersion(), object.getKind());
    }

    @Override
    public String toString() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
