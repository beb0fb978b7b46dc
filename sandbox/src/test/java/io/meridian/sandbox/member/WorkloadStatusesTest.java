package io.meridian.sandbox.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The statuses the simulated controllers write: the fields, conditions, reasons and omissions of the real ones, and
 * the same status when nothing changed (which is what keeps the simulator from writing in a loop).
 */
class WorkloadStatusesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration DELAY = Duration.ofSeconds(10);

    @Test
    void aProgressingDeploymentReportsUnavailabilityAndOmitsZeros() {
        Deployment d = deployment(4, null);
        Rollout.Progress p = Rollout.fresh().observe("h1", 4, false, T0, DELAY);

        DeploymentStatus s = WorkloadStatuses.deployment(d, p, T0);

        assertThat(s.getObservedGeneration()).isEqualTo(3L);
        assertThat(s.getReplicas()).isEqualTo(4);
        assertThat(s.getReadyReplicas()).isNull();
        assertThat(s.getAvailableReplicas()).isNull();
        assertThat(s.getUpdatedReplicas()).isNull();
        assertThat(s.getUnavailableReplicas()).isEqualTo(4);
        assertThat(condition(s, "Available").getStatus()).isEqualTo("False");
        assertThat(condition(s, "Available").getReason()).isEqualTo("MinimumReplicasUnavailable");
        assertThat(condition(s, "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");
        assertThat(condition(s, "Progressing").getMessage()).isEqualTo("ReplicaSet \"web-h1\" is progressing.");
    }

    @Test
    void aCompleteDeploymentIsAvailableAndKeepsItsConditionTimesWhenRecomputed() {
        Deployment d = deployment(2, null);
        Rollout r = Rollout.fresh();
        r.observe("h1", 2, false, T0, DELAY);
        Instant later = T0.plus(DELAY);
        DeploymentStatus first = WorkloadStatuses.deployment(d, r.observe("h1", 2, false, later, DELAY), later);
        assertThat(condition(first, "Available").getStatus()).isEqualTo("True");
        assertThat(condition(first, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
        assertThat(first.getUnavailableReplicas()).isNull();

        d.setStatus(first);
        Instant muchLater = later.plusSeconds(3600);
        DeploymentStatus again = WorkloadStatuses.deployment(d, r.observe("h1", 2, false, muchLater, DELAY), muchLater);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void theTransitionTimeMovesOnlyWhenTheConditionStatusDoes() {
        Deployment d = deployment(2, null);
        Rollout r = Rollout.fresh();
        DeploymentStatus progressing = WorkloadStatuses.deployment(d, r.observe("h1", 2, false, T0, DELAY), T0);
        d.setStatus(progressing);
        Instant later = T0.plus(DELAY);
        DeploymentStatus done = WorkloadStatuses.deployment(d, r.observe("h1", 2, false, later, DELAY), later);

        DeploymentCondition before = condition(progressing, "Progressing");
        DeploymentCondition after = condition(done, "Progressing");
        assertThat(after.getStatus()).isEqualTo(before.getStatus());
        assertThat(after.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(after.getLastUpdateTime()).isEqualTo("2026-01-01T00:00:10Z");
        assertThat(condition(done, "Available").getLastTransitionTime()).isEqualTo("2026-01-01T00:00:10Z");
    }

    @Test
    void availabilityAllowsMaxUnavailable() {
        assertThat(WorkloadStatuses.maxUnavailable(null, 8)).isEqualTo(2);
        assertThat(WorkloadStatuses.maxUnavailable(null, 3)).isZero();
        assertThat(WorkloadStatuses.maxUnavailable(rolling(new IntOrString(3)), 10))
                .isEqualTo(3);
        assertThat(WorkloadStatuses.maxUnavailable(rolling(new IntOrString("50%")), 5))
                .isEqualTo(2);
        assertThat(WorkloadStatuses.maxUnavailable(
                        new DeploymentStrategyBuilder().withType("Recreate").build(), 10))
                .isZero();

        // 3 of 4 ready is available with the default 25%.
        Deployment d = deployment(4, null);
        Rollout r = Rollout.resume("old", 4, false, 3);
        DeploymentStatus s = WorkloadStatuses.deployment(d, r.observe("h1", 4, false, T0, DELAY), T0);
        assertThat(condition(s, "Available").getStatus()).isEqualTo("True");
    }

    @Test
    void aStalledRolloutReportsTheDeadline() {
        Rollout r = Rollout.fresh();
        r.observe("h1", 1, true, T0, DELAY);
        Instant later = T0.plus(DELAY);
        DeploymentStatus s =
                WorkloadStatuses.deployment(deployment(1, null), r.observe("h1", 1, true, later, DELAY), later);

        assertThat(condition(s, "Progressing").getStatus()).isEqualTo("False");
        assertThat(condition(s, "Progressing").getReason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(s.getReadyReplicas()).isNull();
    }

    @Test
    void aStatefulSetReportsRevisionsAsItRollsOut() {
        StatefulSet set = new StatefulSetBuilder()
                .withNewMetadata()
                .withName("db")
                .withGeneration(2L)
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .endSpec()
                .build();
        Rollout r = Rollout.resume("old", 3, true, 3);
        r.observe("old", 3, false, T0, DELAY);

        StatefulSetStatus rolling = WorkloadStatuses.statefulSet(set, r.observe("new", 3, false, T0, DELAY));
        assertThat(rolling.getUpdateRevision()).isEqualTo("db-new");
        assertThat(rolling.getCurrentRevision()).isEqualTo("db-old");
        assertThat(rolling.getReadyReplicas()).isEqualTo(3);
        assertThat(rolling.getUpdatedReplicas()).isNull();

        StatefulSetStatus done = WorkloadStatuses.statefulSet(set, r.observe("new", 3, false, T0.plus(DELAY), DELAY));
        assertThat(done.getCurrentRevision()).isEqualTo("db-new");
        assertThat(done.getCurrentReplicas()).isEqualTo(3);
        assertThat(done.getUpdatedReplicas()).isEqualTo(3);
        assertThat(done.getAvailableReplicas()).isEqualTo(3);
        assertThat(done.getObservedGeneration()).isEqualTo(2L);
    }

    @Test
    void aDaemonSetCountsDesiredNodesAndReadyPods() {
        DaemonSet ds = new DaemonSetBuilder()
                .withNewMetadata()
                .withName("agent")
                .withGeneration(1L)
                .endMetadata()
                .build();
        Rollout r = Rollout.fresh();
        r.observe("h", 2, false, T0, DELAY);

        var status = WorkloadStatuses.daemonSet(ds, 3, r.observe("h", 2, false, T0.plus(DELAY), DELAY));

        assertThat(status.getDesiredNumberScheduled()).isEqualTo(3);
        assertThat(status.getCurrentNumberScheduled()).isEqualTo(3);
        assertThat(status.getNumberReady()).isEqualTo(2);
        assertThat(status.getNumberAvailable()).isEqualTo(2);
        assertThat(status.getNumberUnavailable()).isEqualTo(1);
        assertThat(status.getNumberMisscheduled()).isZero();
    }

    @Test
    void aJobStartsThenCompletesAfterItsDuration() {
        Job job = job("migrate:1", 3);

        JobStatuses.Next started = JobStatuses.next(job, false, T0, DELAY);
        assertThat(started.status().getStartTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(started.status().getActive()).isEqualTo(1);
        assertThat(started.recheckAt()).isEqualTo(T0.plus(DELAY));

        job.setStatus(started.status());
        JobStatuses.Next running = JobStatuses.next(job, false, T0.plusSeconds(5), DELAY);
        assertThat(running.status()).isSameAs(started.status());

        JobStatuses.Next done = JobStatuses.next(job, false, T0.plus(DELAY), DELAY);
        JobStatus s = done.status();
        assertThat(s.getSucceeded()).isEqualTo(3);
        assertThat(s.getActive()).isNull();
        assertThat(s.getCompletionTime()).isEqualTo("2026-01-01T00:00:10Z");
        assertThat(s.getConditions())
                .extracting(JobCondition::getType)
                .containsExactly("SuccessCriteriaMet", "Complete");
        assertThat(done.recheckAt()).isNull();

        job.setStatus(s);
        assertThat(JobStatuses.next(job, false, T0.plusSeconds(99), DELAY).status())
                .isSameAs(s);
    }

    @Test
    void aBrokenJobFailsAfterTheBackoffLimitAndASuspendedOneDoesNotStart() {
        Job job = job("crashloop:1", 1);
        job.setStatus(JobStatuses.next(job, true, T0, DELAY).status());

        JobStatus failed = JobStatuses.next(job, true, T0.plus(DELAY), DELAY).status();
        assertThat(failed.getFailed()).isEqualTo(7);
        assertThat(failed.getSucceeded()).isNull();
        assertThat(failed.getConditions()).extracting(JobCondition::getType).containsExactly("FailureTarget", "Failed");
        assertThat(failed.getConditions())
                .allSatisfy(c -> assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded"));

        Job suspended = job("x:1", 1);
        suspended.getSpec().setSuspend(true);
        assertThat(JobStatuses.next(suspended, false, T0, DELAY).status()).isNull();
    }

    @Test
    void nodeHeartbeatsAreRefreshedOnlyWhenHalfAnIntervalOld() {
        Duration heartbeat = Duration.ofSeconds(10);
        NodeStatus first =
                NodeStatuses.status("n1", NodeShape.DEFAULT, true, "v1.34.1", "10.0.0.11", null, T0, heartbeat);
        assertThat(ready(first).getStatus()).isEqualTo("True");
        assertThat(first.getAllocatable())
                .containsEntry("cpu", new Quantity("8"))
                .containsEntry("pods", new Quantity("110"));

        NodeStatus soon = NodeStatuses.status(
                "n1", NodeShape.DEFAULT, true, "v1.34.1", "10.0.0.11", first, T0.plusSeconds(4), heartbeat);
        assertThat(soon).isEqualTo(first);

        NodeStatus later = NodeStatuses.status(
                "n1", NodeShape.DEFAULT, true, "v1.34.1", "10.0.0.11", first, T0.plusSeconds(5), heartbeat);
        assertThat(ready(later).getLastHeartbeatTime()).isEqualTo("2026-01-01T00:00:05Z");
        assertThat(ready(later).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");

        NodeStatus down = NodeStatuses.status(
                "n1", NodeShape.DEFAULT, false, "v1.34.1", "10.0.0.11", later, T0.plusSeconds(6), heartbeat);
        assertThat(ready(down).getStatus()).isEqualTo("False");
        assertThat(ready(down).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:06Z");
    }

    @Test
    void podTemplatesHashStablyAndSumTheirRequests() {
        KubernetesSerialization serialization = new KubernetesSerialization();
        PodTemplateSpec a = template("app:1", "250m", "128Mi");
        PodTemplateSpec sameAsA = template("app:1", "250m", "128Mi");
        PodTemplateSpec b = template("app:2", "250m", "128Mi");

        assertThat(PodTemplates.hash(a, serialization))
                .isEqualTo(PodTemplates.hash(sameAsA, serialization))
                .isNotEqualTo(PodTemplates.hash(b, serialization))
                .matches("[bcdfghjklmnpqrstvwxz2456789]+");
        assertThat(PodTemplates.requests(a)).isEqualTo(new Capacity(250, 128L * 1024 * 1024, 1));
        assertThat(PodTemplates.broken(template("registry/crashloop:1", "1", "1Gi"), "crashloop"))
                .isTrue();
        assertThat(PodTemplates.broken(a, "crashloop")).isFalse();
    }

    private static PodTemplateSpec template(String image, String cpu, String memory) {
        return new PodTemplateSpecBuilder()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage(image)
                .withNewResources()
                .addToRequests("cpu", new Quantity(cpu))
                .addToRequests("memory", new Quantity(memory))
                .endResources()
                .endContainer()
                .endSpec()
                .build();
    }

    private static NodeCondition ready(NodeStatus s) {
        return s.getConditions().stream()
                .filter(c -> c.getType().equals("Ready"))
                .findFirst()
                .orElseThrow();
    }

    private static Deployment deployment(int replicas, IntOrString maxUnavailable) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withGeneration(3L)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withStrategy(maxUnavailable == null ? null : rolling(maxUnavailable))
                .endSpec()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.apps.DeploymentStrategy rolling(IntOrString maxUnavailable) {
        return new DeploymentStrategyBuilder()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxUnavailable(maxUnavailable)
                .endRollingUpdate()
                .build();
    }

    private static Job job(String image, int completions) {
        return new JobBuilder()
                .withNewMetadata()
                .withName("migrate")
                .endMetadata()
                .withNewSpec()
                .withCompletions(completions)
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static DeploymentCondition condition(DeploymentStatus s, String type) {
        return s.getConditions().stream()
                .filter(c -> c.getType().equals(type))
                .findFirst()
                .orElseThrow();
    }
}
