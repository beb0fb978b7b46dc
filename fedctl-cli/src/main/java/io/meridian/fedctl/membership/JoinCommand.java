package io.meridian.fedctl.membership;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meridian.api.model.cluster.Cluster;
import io.meridian.api.model.cluster.ClusterSpec;
import io.meridian.api.model.cluster.SecretReference;
import io.meridian.api.model.cluster.SyncMode;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.meta.Patterns;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.names.Namespaces;
import io.meridian.fedctl.DurationConverter;
import io.meridian.fedctl.ExitCodes;
import io.meridian.fedctl.UserError;
import io.meridian.fedctl.connect.Federation;
import io.meridian.fedctl.connect.KubeconfigFile;
import io.meridian.membersync.connect.MemberConnections;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code fedctl join NAME --kubeconfig F --region R}: checks that the member answers, stores its
 * credentials in the federation and creates its Cluster.
 */
@Command(
        name = "join",
        description = {
            "Join a member cluster to the federation: check that its API server answers (/version) with the"
                    + " credentials of --kubeconfig/--context, store that context flattened in the Secret"
                    + " meridian-system/NAME-credentials (push mode), and create the Cluster NAME.",
            "The federation itself is found like kubectl finds a cluster, or with --federation-kubeconfig and"
                    + " --federation-context."
        })
public final class JoinCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "NAME",
            description = "The member's name in the federation: a DNS label of at most 46 characters.")
    String name;

    @Option(
            names = "--kubeconfig",
            required = true,
            paramLabel = "FILE",
            description = "The member cluster's kubeconfig.")
    Path kubeconfig;

    @Option(
            names = "--context",
            paramLabel = "NAME",
            description = "The member's context in that kubeconfig (default: its current context).")
    String context;

    @Option(
            names = "--region",
            required = true,
            paramLabel = "REGION",
            description = "The region it runs in, such as eu-west.")
    String region;

    @Option(names = "--zone", paramLabel = "ZONE", description = "The zone within the region, if it has one.")
    String zone;

    @Option(
            names = "--mode",
            defaultValue = "push",
            paramLabel = "push|pull",
            converter = ModeConverter.class,
            description = "push (default): the control plane applies workloads to the member with the stored"
                    + " credentials. pull: an agent in the member dials out to the federation; no credentials"
                    + " are stored.")
    SyncMode mode;

    @Option(
            names = "--api-endpoint",
            paramLabel = "URL",
            description = "The member's API URL as the control plane reaches it (default: the kubeconfig's server).")
    String apiEndpoint;

    @Option(
            names = "--label",
            paramLabel = "KEY=VALUE",
            description = "A label for the Cluster, for policies that select clusters by label (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(
            names = "--wait",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Wait up to this long for the cluster to become Ready.")
    Duration wait;

    @Option(
            names = "--federation-kubeconfig",
            paramLabel = "FILE",
            description = "The kubeconfig of the federation API (default: $KUBECONFIG, else ~/.kube/config).")
    Path federationKubeconfig;

    @Option(
            names = "--federation-context",
            paramLabel = "NAME",
            description = "The federation's kubeconfig context (default: the current context).")
    String federationContext;

    @Option(
            names = "--request-timeout",
            paramLabel = "DURATION",
            defaultValue = "15s",
            converter = DurationConverter.class,
            description = "How long one request may take (default ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Override
    public Integer call() throws Exception {
        if (!Namespaces.isValidClusterName(name)) {
            throw new UserError("'" + name + "' cannot name a cluster: use a DNS label (lower-case letters, digits"
                    + " and '-') of at most " + Namespaces.MAX_CLUSTER_NAME_LENGTH + " characters");
        }
        requireLabel("--region", region);
        if (zone != null) {
            requireLabel("--zone", zone);
        }
        KubeconfigFile member = KubeconfigFile.read(kubeconfig);
        NamedContext chosen = member.context(context);
        String server = member.server(chosen);
        String how = "context " + chosen.getName() + " in " + kubeconfig;
        String retry = "kubectl --kubeconfig " + kubeconfig + " --context " + chosen.getName() + " version";
        String flattened = mode == SyncMode.PUSH ? member.flatten(chosen, name) : null;
        Config memberConfig = Config.fromKubeconfig(chosen.getName(), kubeconfig.toFile());
        String version = MemberProbe.version(memberConfig, name, how, retry, requestTimeout);
        Boolean insecure = member.cluster(chosen).getCluster() == null
                ? null
                : member.cluster(chosen).getCluster().getInsecureSkipTlsVerify();

        try (Federation federation =
                Federation.connect(federationKubeconfig, federationContext, null, requestTimeout)) {
            try {
                return join(federation, server, version, flattened, Boolean.TRUE.equals(insecure) ? true : null, how);
            } catch (KubernetesClientException e) {
                throw federation.failure(e);
            }
        }
    }

    private int join(
            Federation federation, String server, String version, String flattened, Boolean insecure, String how)
            throws InterruptedException {
        KubernetesClient client = federation.client();
        Cluster existing = client.resources(Cluster.class).withName(name).get();
        if (existing != null) {
            throw new UserError("cluster '" + name + "' has already joined"
                    + (existing.getSpec() == null
                            ? ""
                            : " (region " + existing.getSpec().region() + ")")
                    + "; run 'fedctl unjoin " + name + "' first, or choose another name");
        }
        for (String ns : List.of(Namespaces.SYSTEM, Namespaces.executionNamespace(name))) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .endMetadata()
                            .build())
                    .fieldManager(MemberCredentials.FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply();
        }
        String endpoint = apiEndpoint != null ? apiEndpoint : server;
        SecretReference secretRef = null;
        if (mode == SyncMode.PUSH) {
            secretRef = new SecretReference(Namespaces.SYSTEM, MemberCredentials.secretName(name));
            client.secrets()
                    .inNamespace(Namespaces.SYSTEM)
                    .resource(new SecretBuilder()
                            .withNewMetadata()
                            .withName(secretRef.name())
                            .withNamespace(Namespaces.SYSTEM)
                            .addToLabels(MeridianLabels.CLUSTER, name)
                            .endMetadata()
                            .withType("Opaque")
                            .addToData(
                                    MemberConnections.KUBECONFIG,
                                    Base64.getEncoder().encodeToString(flattened.getBytes(StandardCharsets.UTF_8)))
                            .build())
                    .fieldManager(MemberCredentials.FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply();
        }
        Cluster cluster = new Cluster(
                name,
                ClusterSpec.builder()
                        .region(region)
                        .zone(zone)
                        .apiEndpoint(endpoint)
                        .secretRef(secretRef)
                        .syncMode(mode)
                        .insecureSkipTLSVerification(insecure)
                        .build());
        if (!labels.isEmpty()) {
            cluster.getMetadata().setLabels(labels);
        }
        client.resource(cluster).create();

        PrintWriter out = spec.commandLine().getOut();
        out.println("Cluster " + name + " joined the federation.");
        out.println("  region:       " + region + (zone == null ? "" : " (zone " + zone + ")"));
        out.println("  kubernetes:   " + version + " at " + server);
        if (mode == SyncMode.PUSH) {
            out.println("  mode:         Push: the control plane applies workloads through " + endpoint);
            out.println("  credentials:  Secret " + Namespaces.SYSTEM + "/" + secretRef.name() + " (" + how
                    + ", flattened)");
        } else {
            out.println("  mode:         Pull: run the agent next to the member, for example");
            out.println("                java -jar member-sync/target/meridian-member-sync-*-agent.jar"
                    + " --meridian.sync.cluster-name=" + name
                    + " --meridian.sync.federation.url=" + federation.server());
        }
        out.flush();
        if (wait == null) {
            out.println("It takes workloads once 'fedctl get clusters' shows it READY True.");
            out.flush();
            return ExitCodes.OK;
        }
        return awaitReady(client, out);
    }

    private int awaitReady(KubernetesClient client, PrintWriter out) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        out.println("Waiting up to " + wait.toSeconds() + "s for it to become Ready ...");
        out.flush();
        Optional<Condition> ready = Optional.empty();
        while (true) {
            Cluster cluster = client.resources(Cluster.class).withName(name).get();
            ready = cluster == null || cluster.getStatus() == null
                    ? Optional.empty()
                    : Conditions.find(cluster.getStatus().conditions(), ConditionTypes.READY);
            if (ready.isPresent() && ready.get().status() == ConditionStatus.TRUE) {
                out.println("Cluster " + name + " is Ready.");
                out.flush();
                return ExitCodes.OK;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(500);
        }
        String why = ready.map(c -> c.reason() + (c.message() == null ? "" : ": " + c.message()))
                .orElse("it has no Ready condition yet; is the federation controller running?");
        throw new UserError(
                "cluster " + name + " joined but is not Ready after " + wait.toSeconds() + "s (" + why + ")",
                ExitCodes.TIMEOUT);
    }

    private static void requireLabel(String option, String value) {
        if (!value.matches(Patterns.DNS_LABEL) || value.length() > 63) {
            throw new UserError(option + " '" + value
                    + "' must be a DNS label (lower-case letters, digits and '-'), such as eu-west");
        }
    }

    /** {@code push} or {@code pull}, in any case. */
    static final class ModeConverter implements ITypeConverter<SyncMode> {
        @Override
        public SyncMode convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "push" -> SyncMode.PUSH;
                case "pull" -> SyncMode.PULL;
                default -> throw new TypeConversionException("'" + value + "' is not a mode (push or pull)");
            };
        }
    }
}
