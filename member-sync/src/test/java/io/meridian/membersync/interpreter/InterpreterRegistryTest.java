package io.meridian.membersync.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.TargetCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InterpreterRegistryTest {

    private final InterpreterRegistry registry = InterpreterRegistry.withBuiltIns();

    @Test
    void everyBuiltInKindHasItsOwnInterpreter() {
        Map<GroupKind, Class<?>> expected = Map.ofEntries(
                Map.entry(GroupKind.DEPLOYMENT, DeploymentInterpreter.class),
                Map.entry(GroupKind.STATEFUL_SET, StatefulSetInterpreter.class),
                Map.entry(GroupKind.DAEMON_SET, DaemonSetInterpreter.class),
                Map.entry(GroupKind.REPLICA_SET, ReplicaSetInterpreter.class),
                Map.entry(GroupKind.JOB, JobInterpreter.class),
                Map.entry(GroupKind.CRON_JOB, CronJobInterpreter.class),
                Map.entry(GroupKind.SERVICE, ServiceInterpreter.class),
                Map.entry(GroupKind.INGRESS, IngressInterpreter.class),
                Map.entry(GroupKind.PERSISTENT_VOLUME_CLAIM, PersistentVolumeClaimInterpreter.class),
                Map.entry(GroupKind.POD, PodInterpreter.class),
                Map.entry(GroupKind.SERVICE_ACCOUNT, ServiceAccountInterpreter.class));
        expected.forEach((kind, type) -> {
            assertThat(registry.isRegistered(kind)).as("%s registered", kind).isTrue();
            assertThat(registry.interpreterFor(kind)).as(kind.toString()).isExactlyInstanceOf(type);
        });
    }

    @Test
    void unknownKindsFallBackToTheGenericInterpreter() {
        assertThat(registry.interpreterFor(new GroupKind("example.com", "Widget")))
                .isExactlyInstanceOf(GenericInterpreter.class);
        assertThat(registry.interpreterFor(GroupKind.CONFIG_MAP)).isExactlyInstanceOf(GenericInterpreter.class);
        assertThat(registry.isRegistered(GroupKind.CONFIG_MAP)).isFalse();
    }

    @Test
    void lookupIgnoresTheVersionButNotTheGroup() {
        assertThat(registry.interpreterFor(object("apps/v1beta2", "Deployment")))
                .isExactlyInstanceOf(DeploymentInterpreter.class);
        assertThat(registry.interpreterFor(object("example.com/v1", "Deployment")))
                .isExactlyInstanceOf(GenericInterpreter.class);
        assertThat(registry.interpreterFor(object("v1", "Service"))).isExactlyInstanceOf(ServiceInterpreter.class);
    }

    @Test
    void groupKindOfAnApiVersion() {
        assertThat(GroupKind.of("v1", "Pod")).isEqualTo(GroupKind.POD);
        assertThat(GroupKind.of("batch/v1", "Job")).isEqualTo(GroupKind.JOB);
        assertThat(new GroupKind(null, "Pod")).isEqualTo(GroupKind.POD);
        assertThat(GroupKind.INGRESS).hasToString("Ingress.networking.k8s.io");
        assertThat(GroupKind.POD).hasToString("Pod");
    }

    @Test
    void aCustomKindIsServedByWhatIsRegisteredForIt() {
        GroupKind widget = new GroupKind("example.com", "Widget");
        registry.register(widget, new WidgetInterpreter());

        GenericKubernetesResource object = object("example.com/v1", "Widget");
        object.setAdditionalProperty("spec", Map.of("size", 4));

        assertThat(registry.isRegistered(widget)).isTrue();
        assertThat(registry.replicas(object)).map(WorkloadReplicas::replicas).contains(4);
        assertThat(registry.health(object)).isEqualTo(ResourceHealth.UNHEALTHY);
        // what the custom interpreter does not override falls back to the generic behaviour
        assertThat(registry.dependencies(object)).isEmpty();
        assertThat(registry.reflectStatus(object)).isEmpty();
    }

    @Test
    void aBuiltInKindCanBeReplaced() {
        registry.register(GroupKind.CONFIG_MAP, new WidgetInterpreter());
        registry.register(GroupKind.SERVICE, new WidgetInterpreter());

        assertThat(registry.health(object("v1", "Service"))).isEqualTo(ResourceHealth.UNHEALTHY);
        assertThat(registry.interpreterFor(GroupKind.DEPLOYMENT)).isExactlyInstanceOf(DeploymentInterpreter.class);
    }

    @Test
    void retainIsChosenByTheDesiredObjectsKind() {
        GenericKubernetesResource desired = object("v1", "ServiceAccount");
        GenericKubernetesResource observed = object("v1", "ServiceAccount");
        observed.setAdditionalProperty("secrets", List.of(Map.of("name", "token-abc")));

        assertThat(registry.retain(desired, observed).<List<?>>get("secrets")).hasSize(1);
    }

    @Test
    void theRegistryCannotServeItself() {
        assertThatThrownBy(() -> registry.register(GroupKind.POD, registry))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeReplicasAreRefused() {
        GenericKubernetesResource deployment = object("apps/v1", "Deployment");
        assertThatThrownBy(() -> registry.reviseReplicas(deployment, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> registry.divideReplicas(deployment, List.of(TargetCluster.of("a", -2))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A custom kind as another module would add one: only what it knows better is overridden. */
    static final class WidgetInterpreter extends GenericInterpreter {

        @Override
        public Optional<WorkloadReplicas> replicas(GenericKubernetesResource object) {
            Integer size = object.get("spec", "size");
            return Optional.of(new WorkloadReplicas(size == null ? 1 : size, Map.of()));
        }

        @Override
        public ResourceHealth health(GenericKubernetesResource object) {
            return ResourceHealth.UNHEALTHY;
        }
    }

    private static GenericKubernetesResource object(String apiVersion, String kind) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata()
                .withName("x")
                .withNamespace("ns")
                .endMetadata()
                .build();
    }
}
