package io.meridian.sandbox.member;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated kubelet's view of its node: the Node object it registers (with the well-known topology labels, which
 * placement by region and zone reads) and the status it posts (capacity, conditions, addresses, node info). The Ready
 * condition's heartbeat is refreshed once it is half a heartbeat interval old, so that recomputing the status between
 * heartbeats changes nothing.
 */
final class NodeStatuses {

    static final String REGION_LABEL = "topology.kubernetes.io/region";
    static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    private NodeStatuses() {}

    static Node node(String name, String region, String zone, String instanceType) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("node.kubernetes.io/instance-type", instanceType);
        labels.put(REGION_LABEL, region);
        labels.put(ZONE_LABEL, zone);
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build();
    }

    static NodeStatus status(
            String nodeName,
            NodeShape shape,
            boolean ready,
            String kubeletVersion,
            String address,
            NodeStatus old,
            Instant now,
            Duration heartbeat) {
        List<NodeCondition> previous = old == null || old.getConditions() == null ? List.of() : old.getConditions();
        List<NodeCondition> conditions = List.of(
                condition(
                        "MemoryPressure",
                        "False",
                        "KubeletHasSufficientMemory",
                        "kubelet has sufficient memory available",
                        previous,
                        now,
                        heartbeat),
                condition(
                        "DiskPressure",
                        "False",
                        "KubeletHasNoDiskPressure",
                        "kubelet has no disk pressure",
                        previous,
                        now,
                        heartbeat),
                condition(
                        "PIDPressure",
                        "False",
                        "KubeletHasSufficientPID",
                        "kubelet has sufficient PID available",
                        previous,
                        now,
                        heartbeat),
                ready
                        ? condition(
                                "Ready",
                                "True",
                                "KubeletReady",
                                "kubelet is posting ready status",
                                previous,
                                now,
                                heartbeat)
                        : condition(
                                "Ready",
                                "False",
                                "KubeletNotReady",
                                "container runtime network not ready: NetworkReady=false (simulated)",
                                previous,
                                now,
                                heartbeat));
        return new NodeStatusBuilder()
                .withCapacity(shape.quantities())
                .withAllocatable(shape.quantities())
                .withConditions(conditions)
                .addNewAddress()
                .withType("InternalIP")
                .withAddress(address)
                .endAddress()
                .addNewAddress()
                .withType("Hostname")
                .withAddress(nodeName)
                .endAddress()
                .withNewDaemonEndpoints()
                .withNewKubeletEndpoint()
                .withPort(10250)
                .endKubeletEndpoint()
                .endDaemonEndpoints()
                .withNewNodeInfo()
                .withArchitecture("amd64")
                .withOperatingSystem("linux")
                .withOsImage("Meridian simulated node")
                .withKernelVersion("6.1.0-simulated")
                .withContainerRuntimeVersion("containerd://2.0.0")
                .withKubeletVersion(kubeletVersion)
                .withKubeProxyVersion(kubeletVersion)
                .withMachineID(machineId(address))
                .withSystemUUID(machineId(address))
                .withBootID(machineId(address))
                .endNodeInfo()
                .build();
    }

    private static String machineId(String address) {
        return String.format("%032x", Objects.hash(address) & 0xffffffffL);
    }

    private static NodeCondition condition(
            String type,
            String status,
            String reason,
            String message,
            List<NodeCondition> previous,
            Instant now,
            Duration heartbeat) {
        NodeCondition old = previous.stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElse(null);
        String time = WorkloadStatuses.rfc3339(now);
        boolean sameStatus = old != null && status.equals(old.getStatus());
        Instant beat = old == null ? null : parse(old.getLastHeartbeatTime());
        boolean fresh = sameStatus
                && reason.equals(old.getReason())
                && beat != null
                && beat.plus(heartbeat.dividedBy(2)).isAfter(now);
        return new NodeConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastHeartbeatTime(fresh ? old.getLastHeartbeatTime() : time)
                .withLastTransitionTime(
                        sameStatus && old.getLastTransitionTime() != null ? old.getLastTransitionTime() : time)
                .build();
    }

    private static Instant parse(String time) {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
