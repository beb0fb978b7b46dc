package io.meridian.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.selection.LabelSelector;
import io.meridian.apiserver.table.TableConverter.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The columns kube-apiserver prints for the native kinds Meridian serves. */
final class NativeColumns {

    private NativeColumns() {}

    static void register(TableConverter t) {
        Column age = t.age();
        t.register(
                "apps",
                "Deployment",
                List.of(
                        Column.of(
                                "Ready",
                                "string",
                                "Number of the pod with ready state",
                                o -> ready(o, "readyReplicas", "replicas")),
                        Column.of(
                                "Up-to-date",
                                "integer",
                                "Total number of non-terminated pods targeted by this deployment that have the desired template spec.",
                                o -> num(o, "status", "updatedReplicas")),
                        Column.of(
                                "Available",
                                "integer",
                                "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.",
                                o -> num(o, "status", "availableReplicas")),
                        age,
                        Column.wide(
                                "Containers",
                                "string",
                                "Names of each container in the template.",
                                o -> containers(o, "name")),
                        Column.wide(
                                "Images",
                                "string",
                                "Images referenced by each container in the template.",
                                o -> containers(o, "image")),
                        Column.wide(
                                "Selector",
                                "string",
                                "Label selector for pods.",
                                o -> selector(o.path("spec").path("selector")))));
        t.register(
                "apps",
                "StatefulSet",
                List.of(
                        Column.of(
                                "Ready",
                                "string",
                                "Number of the pod with ready state",
                                o -> ready(o, "readyReplicas", "replicas")),
                        age,
                        Column.wide(
                                "Containers",
                                "string",
                                "Names of each container in the template.",
                                o -> containers(o, "name")),
                        Column.wide(
                                "Images",
                                "string",
                                "Images referenced by each container in the template.",
                                o -> containers(o, "image"))));
        t.register(
                "apps",
                "ReplicaSet",
                List.of(
                        Column.of("Desired", "integer", "Number of desired pods.", o -> num(o, "spec", "replicas")),
                        Column.of(
                                "Current", "integer", "Number of actual replicas.", o -> num(o, "status", "replicas")),
                        Column.of(
                                "Ready",
                                "integer",
                                "Number of ready replicas.",
                                o -> num(o, "status", "readyReplicas")),
                        age));
        t.register(
                "apps",
                "DaemonSet",
                List.of(
                        Column.of(
                                "Desired",
                                "integer",
                                "The total number of nodes that should be running the daemon pod.",
                                o -> num(o, "status", "desiredNumberScheduled")),
                        Column.of(
                                "Current",
                                "integer",
                                "The number of nodes that are running at least one daemon pod.",
                                o -> num(o, "status", "currentNumberScheduled")),
                        Column.of(
                                "Ready",
                                "integer",
                                "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.",
                                o -> num(o, "status", "numberReady")),
                        Column.of(
                                "Up-to-date",
                                "integer",
                                "The total number of nodes that are running updated daemon pod.",
                                o -> num(o, "status", "updatedNumberScheduled")),
                        Column.of(
                                "Available",
                                "integer",
                                "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.",
                                o -> num(o, "status", "numberAvailable")),
                        Column.of(
                                "Node Selector",
                                "string",
                                "NodeSelector is a selector which must be true for the pod to fit on a node.",
                                o -> pairs(o.path("spec")
                                        .path("template")
                                        .path("spec")
                                        .path("nodeSelector"))),
                        age));
        t.register(
                "batch",
                "Job",
                List.of(
                        Column.of("Status", "string", "Status of the job.", NativeColumns::jobStatus),
                        Column.of(
                                "Completions",
                                "string",
                                "The desired number of successfully finished pods the job should be run with.",
                                o -> num(o, "status", "succeeded") + "/"
                                        + (o.path("spec").has("completions")
                                                ? o.path("spec")
                                                        .path("completions")
                                                        .asLong()
                                                : 1)),
                        Column.of("Duration", "string", "Time required to complete the job.", o -> duration(t, o)),
                        age));
        t.register(
                "batch",
                "CronJob",
                List.of(
                        Column.of(
                                "Schedule",
                                "string",
                                "The schedule in Cron format.",
                                o -> o.path("spec").path("schedule").asText()),
                        Column.of(
                                "Timezone",
                                "string",
                                "The time zone name for the given schedule.",
                                o -> o.path("spec").path("timeZone").asText("<none>")),
                        Column.of(
                                "Suspend",
                                "boolean",
                                "Whether subsequent executions are suspended.",
                                o -> o.path("spec").path("suspend").asBoolean(false) ? "True" : "False"),
                        Column.of("Active", "integer", "Number of currently running jobs.", o ->
                                (long) o.path("status").path("active").size()),
                        Column.of(
                                "Last Schedule",
                                "string",
                                "Information when was the last time the job was successfully scheduled.",
                                o -> o.path("status").has("lastScheduleTime")
                                        ? t.since(o.path("status")
                                                .path("lastScheduleTime")
                                                .asText())
                                        : "<none>"),
                        age));
        t.register(
                "",
                "Service",
                List.of(
                        Column.of(
                                "Type",
                                "string",
                                "The type of the service.",
                                o -> o.path("spec").path("type").asText("ClusterIP")),
                        Column.of(
                                "Cluster-IP",
                                "string",
                                "The cluster IP of the service.",
                                o -> o.path("spec").path("clusterIP").asText("<none>")),
                        Column.of(
                                "External-IP", "string", "The external IP of the service.", NativeColumns::externalIp),
                        Column.of("Port(s)", "string", "The ports of the service.", NativeColumns::servicePorts),
                        age,
                        Column.wide(
                                "Selector",
                                "string",
                                "The selector of the service.",
                                o -> pairs(o.path("spec").path("selector")))));
        t.register(
                "",
                "ConfigMap",
                List.of(
                        Column.of("Data", "integer", "Number of data entries.", o -> (long)
                                (o.path("data").size() + o.path("binaryData").size())),
                        age));
        t.register(
                "",
                "Secret",
                List.of(
                        Column.of(
                                "Type",
                                "string",
                                "The type of the secret.",
                                o -> o.path("type").asText("Opaque")),
                        Column.of("Data", "integer", "Number of data entries.", o -> (long)
                                (o.path("data").size() + o.path("stringData").size())),
                        age));
        t.register(
                "",
                "Namespace",
                List.of(
                        Column.of(
                                "Status",
                                "string",
                                "The status of the namespace.",
                                o -> o.path("status").path("phase").asText("Active")),
                        age));
        t.register(
                "",
                "ServiceAccount",
                List.of(
                        Column.of("Secrets", "string", "The number of secrets.", o ->
                                (long) o.path("secrets").size()),
                        age));
        t.register(
                "",
                "Node",
                List.of(
                        Column.of("Status", "string", "The status of the node.", NativeColumns::nodeStatus),
                        Column.of("Roles", "string", "The roles of the node.", o -> "<none>"),
                        age,
                        Column.of(
                                "Version",
                                "string",
                                "Kubelet version.",
                                o -> o.path("status")
                                        .path("nodeInfo")
                                        .path("kubeletVersion")
                                        .asText(""))));
        t.register(
                "",
                "Pod",
                List.of(
                        Column.of(
                                "Ready",
                                "string",
                                "The aggregate readiness state of this pod for accepting traffic.",
                                NativeColumns::podReady),
                        Column.of(
                                "Status",
                                "string",
                                "The aggregate status of the containers in this pod.",
                                o -> o.path("status").path("phase").asText("Pending")),
                        Column.of(
                                "Restarts",
                                "string",
                                "The number of times the containers in this pod have been restarted.",
                                NativeColumns::restarts),
                        age));
        t.register(
                "",
                "Event",
                List.of(
                        Column.of(
                                "Last Seen",
                                "string",
                                "Time when this event was last seen.",
                                o -> t.since(o.path("lastTimestamp")
                                        .asText(o.path("eventTime").asText(null)))),
                        Column.of(
                                "Type",
                                "string",
                                "Type of this event.",
                                o -> o.path("type").asText("")),
                        Column.of(
                                "Reason",
                                "string",
                                "Reason why this event was generated.",
                                o -> o.path("reason").asText("")),
                        Column.of(
                                "Object",
                                "string",
                                "The object that this event is about.",
                                o -> o.path("involvedObject")
                                                .path("kind")
                                                .asText("")
                                                .toLowerCase() + "/"
                                        + o.path("involvedObject").path("name").asText("")),
                        Column.of(
                                "Message",
                                "string",
                                "A human-readable description of the status of this operation.",
                                o -> o.path("message").asText(""))));
        t.register(
                "coordination.k8s.io",
                "Lease",
                List.of(
                        Column.of(
                                "Holder",
                                "string",
                                "The holder of the lease.",
                                o -> o.path("spec").path("holderIdentity").asText("")),
                        age));
        t.register(
                "networking.k8s.io",
                "Ingress",
                List.of(
                        Column.of(
                                "Class",
                                "string",
                                "The name of the IngressClass resource.",
                                o -> o.path("spec").path("ingressClassName").asText("<none>")),
                        Column.of(
                                "Hosts",
                                "string",
                                "Hosts that incoming requests are matched against before the ingress rule",
                                NativeColumns::ingressHosts),
                        Column.of(
                                "Address",
                                "string",
                                "Address is a list containing ingress points for the load-balancer",
                                o -> loadBalancer(o.path("status").path("loadBalancer"))),
                        Column.of(
                                "Ports",
                                "string",
                                "Ports of TLS configurations that open",
                                o -> o.path("spec").path("tls").isEmpty() ? "80" : "80, 443"),
                        age));
        t.register(
                "apiextensions.k8s.io",
                "CustomResourceDefinition",
                List.of(Column.of(
                        "Created At",
                        "date",
                        "",
                        o -> o.path("metadata").path("creationTimestamp").asText())));
    }

    static long num(ObjectNode o, String section, String field) {
        return o.path(section).path(field).asLong(0);
    }

    private static String ready(ObjectNode o, String ready, String desired) {
        long want = o.path("spec").has("replicas")
                ? o.path("spec").path("replicas").asLong()
                : o.path("status").path(desired).asLong(0);
        return o.path("status").path(ready).asLong(0) + "/" + want;
    }

    private static String containers(ObjectNode o, String field) {
        StringJoiner j = new StringJoiner(",");
        for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
            j.add(c.path(field).asText());
        }
        return j.toString();
    }

    static String pairs(JsonNode map) {
        if (!map.isObject() || map.isEmpty()) {
            return "<none>";
        }
        StringJoiner j = new StringJoiner(",");
        map.fields().forEachRemaining(e -> j.add(e.getKey() + "=" + e.getValue().asText()));
        return j.toString();
    }

    private static String selector(JsonNode selector) {
        String s = LabelSelector.format(selector);
        return s.isEmpty() ? "<none>" : s;
    }

    private static String jobStatus(ObjectNode o) {
        for (JsonNode c : o.path("status").path("conditions")) {
            if ("True".equals(c.path("status").asText())) {
                String type = c.path("type").asText();
                if (type.equals("Complete")) {
                    return "Complete";
                }
                if (type.equals("Failed")) {
                    return "Failed";
                }
                if (type.equals("Suspended")) {
                    return "Suspended";
                }
            }
        }
        return "Running";
    }

    private static String duration(TableConverter t, ObjectNode o) {
        String start = o.path("status").path("startTime").asText(null);
        if (start == null) {
            return "";
        }
        String end = o.path("status").path("completionTime").asText(null);
        if (end == null) {
            return t.since(start);
        }
        try {
            return HumanDuration.format(
                    java.time.Duration.between(java.time.Instant.parse(start), java.time.Instant.parse(end)));
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String externalIp(ObjectNode o) {
        String type = o.path("spec").path("type").asText("ClusterIP");
        List<String> ips = new ArrayList<>();
        o.path("spec").path("externalIPs").forEach(n -> ips.add(n.asText()));
        if (type.equals("LoadBalancer")) {
            String lb = loadBalancer(o.path("status").path("loadBalancer"));
            if (!lb.isEmpty()) {
                ips.add(lb);
            }
            return ips.isEmpty() ? "<pending>" : String.join(",", ips);
        }
        if (type.equals("ExternalName")) {
            return o.path("spec").path("externalName").asText();
        }
        return ips.isEmpty() ? "<none>" : String.join(",", ips);
    }

    private static String loadBalancer(JsonNode lb) {
        StringJoiner j = new StringJoiner(",");
        for (JsonNode i : lb.path("ingress")) {
            j.add(i.has("ip") ? i.path("ip").asText() : i.path("hostname").asText());
        }
        return j.toString();
    }

    private static String servicePorts(ObjectNode o) {
        StringJoiner j = new StringJoiner(",");
        for (JsonNode p : o.path("spec").path("ports")) {
            String s = p.path("port").asText();
            if (p.has("nodePort")) {
                s += ":" + p.path("nodePort").asText();
            }
            j.add(s + "/" + p.path("protocol").asText("TCP"));
        }
        String s = j.toString();
        return s.isEmpty() ? "<none>" : s;
    }

    private static String nodeStatus(ObjectNode o) {
        for (JsonNode c : o.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                String s = "True".equals(c.path("status").asText()) ? "Ready" : "NotReady";
                return o.path("spec").path("unschedulable").asBoolean(false) ? s + ",SchedulingDisabled" : s;
            }
        }
        return "Unknown";
    }

    private static String podReady(ObjectNode o) {
        long total = o.path("spec").path("containers").size();
        long ready = 0;
        for (JsonNode c : o.path("status").path("containerStatuses")) {
            if (c.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    private static String restarts(ObjectNode o) {
        long r = 0;
        for (JsonNode c : o.path("status").path("containerStatuses")) {
            r += c.path("restartCount").asLong(0);
        }
        return Long.toString(r);
    }

    private static String ingressHosts(ObjectNode o) {
        StringJoiner j = new StringJoiner(",");
        for (JsonNode r : o.path("spec").path("rules")) {
            if (r.has("host")) {
                j.add(r.path("host").asText());
            }
        }
        String s = j.toString();
        return s.isEmpty() ? "*" : s;
    }
}
