package io.meridian.apiserver.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.meridian.apiserver.resource.GroupVersionKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The protobuf message type of each Kubernetes kind, from the descriptors of k8s.io/api's
 * {@code generated.proto} files. Only the descriptors are used, never the generated classes'
 * getters: objects are read as dynamic messages and walked field by field.
 */
final class KubeMessages {

    private KubeMessages() {}

    /**
     * The message of {@code gvk}: k8s.io/api names its proto packages after the group's first DNS
     * label ({@code networking.k8s.io/v1} is {@code k8s.io.api.networking.v1}) and the core group
     * {@code core}.
     */
    static Optional<Descriptor> of(GroupVersionKind gvk) {
        String group = gvk.group().isEmpty() ? "core" : firstLabel(gvk.group());
        return Optional.ofNullable(Index.MESSAGES.get("k8s.io.api." + group + "." + gvk.version() + "." + gvk.kind()));
    }

    private static String firstLabel(String group) {
        int dot = group.indexOf('.');
        return dot < 0 ? group : group.substring(0, dot);
    }

    /** Built on first use: reading the descriptors of every API group takes a moment. */
    private static final class Index {
        static final Map<String, Descriptor> MESSAGES = index(
                V1.getDescriptor(),
                V1Apps.getDescriptor(),
                V1Autoscaling.getDescriptor(),
                V1Batch.getDescriptor(),
                V1Certificates.getDescriptor(),
                V1Networking.getDescriptor(),
                V1Policy.getDescriptor(),
                V1Rbac.getDescriptor(),
                V1Scheduling.getDescriptor(),
                V1Storage.getDescriptor());

        private static Map<String, Descriptor> index(FileDescriptor... files) {
            Map<String, Descriptor> out = new HashMap<>();
            for (FileDescriptor file : files) {
                for (Descriptor message : file.getMessageTypes()) {
                    out.put(message.getFullName(), message);
                }
            }
            return Map.copyOf(out);
        }
    }
}
