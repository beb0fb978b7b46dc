package io.meridian.membersync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionReasons;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.work.ManifestStatus;
import io.meridian.api.model.work.ResourceHealth;
import io.meridian.api.model.work.ResourceIdentifier;
import io.meridian.api.model.work.WorkStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkStatusesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");

    private static ResourceIdentifier id(int ordinal, String kind, String name) {
        return new ResourceIdentifier(ordinal, "apps", "v1", kind, "deployments", "shop", name);
    }

    private static ManifestStatus healthy(int ordinal, String name) {
        return ManifestStatus.applied(
                id(ordinal, "Deployment", name),
                ResourceHealth.HEALTHY,
                JsonNodeFactory.instance.objectNode().put("readyReplicas", 2),
                3L);
    }

    private static Condition condition(WorkStatus status, String type) {
        return Conditions.find(status.conditions(), type).orElseThrow();
    }

    @Test
    void everyManifestAppliedAndHealthyMakesTheWorkAppliedAndAvailable() {
        WorkStatus status = WorkStatuses.next(null, List.of(healthy(0, "a"), healthy(1, "b")), false, 3L, T0);

        assertThat(condition(status, ConditionTypes.APPLIED))
                .extracting(Condition::status, Condition::reason, Condition::observedGeneration)
                .containsExactly(ConditionStatus.TRUE, ConditionReasons.APPLIED, 3L);
        assertThat(condition(status, ConditionTypes.AVAILABLE))
                .extracting(Condition::status, Condition::reason)
                .containsExactly(ConditionStatus.TRUE, ConditionReasons.HEALTHY);
        assertThat(status.manifestStatuses()).hasSize(2);
    }

    @Test
    void aConflictOutranksOtherFailuresAndNamesTheObject() {
        List<ManifestStatus> entries = List.of(
                healthy(0, "a"),
                ManifestStatus.failed(id(1, "Deployment", "b"), ConditionReasons.APPLY_FAILED, "invalid", 3L),
                ManifestStatus.failed(id(2, "Deployment", "c"), ConditionReasons.CONFLICT, "not Meridian's", 3L));

        WorkStatus status = WorkStatuses.next(null, entries, false, 3L, T0);

        Condition applied = condition(status, ConditionTypes.APPLIED);
        assertThat(applied.status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(applied.reason()).isEqualTo(ConditionReasons.CONFLICT);
        assertThat(applied.message()).isEqualTo("Deployment shop/c: not Meridian's");
        assertThat(condition(status, ConditionTypes.AVAILABLE).status()).isEqualTo(ConditionStatus.UNKNOWN);
    }

    @Test
    void failuresWithoutAConflictAreApplyFailed() {
        List<ManifestStatus> entries =
                List.of(ManifestStatus.failed(id(0, "Deployment", "a"), ConditionReasons.APPLY_FAILED, "boom", 1L));
        Condition applied = condition(WorkStatuses.next(null, entries, false, 1L, T0), ConditionTypes.APPLIED);
        assertThat(applied.reason()).isEqualTo(ConditionReasons.APPLY_FAILED);
        assertThat(applied.message()).isEqualTo("Deployment shop/a: boom");
    }

    @Test
    void anUnhealthyObjectMakesTheWorkUnavailable() {
        List<ManifestStatus> entries = List.of(
                healthy(0, "a"), ManifestStatus.applied(id(1, "Deployment", "b"), ResourceHealth.UNHEALTHY, null, 3L));
        Condition available = condition(WorkStatuses.next(null, entries, false, 3L, T0), ConditionTypes.AVAILABLE);
        assertThat(available.status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(available.reason()).isEqualTo(ConditionReasons.UNHEALTHY);
        assertThat(available.message()).contains("Deployment shop/b");
    }

    @Test
    void aSuspendedWorkIsNotAppliedWhateverItsEntriesSay() {
        Condition applied =
                condition(WorkStatuses.next(null, List.of(healthy(0, "a")), true, 3L, T0), ConditionTypes.APPLIED);
        assertThat(applied.status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(applied.reason()).isEqualTo(ConditionReasons.SUSPENDED);
    }

    @Test
    void aConditionThatKeepsItsStatusKeepsItsTransitionTime() {
        WorkStatus first = WorkStatuses.next(null, List.of(healthy(0, "a")), false, 3L, T0);
        WorkStatus again = WorkStatuses.next(first, List.of(healthy(0, "a")), false, 4L, T1);
        assertThat(condition(again, ConditionTypes.APPLIED).lastTransitionTime())
                .isEqualTo(T0);
        assertThat(condition(again, ConditionTypes.APPLIED).observedGeneration())
                .isEqualTo(4L);

        WorkStatus broken = WorkStatuses.next(
                again,
                List.of(ManifestStatus.failed(id(0, "Deployment", "a"), ConditionReasons.APPLY_FAILED, "x", 4L)),
                false,
                4L,
                T1);
        assertThat(condition(broken, ConditionTypes.APPLIED).lastTransitionTime())
                .isEqualTo(T1);
    }

    @Test
    void aWorkWithoutManifestsIsAppliedAndAvailable() {
        WorkStatus status = WorkStatuses.next(null, List.of(), false, 1L, T0);
        assertThat(Conditions.isTrue(status.conditions(), ConditionTypes.APPLIED))
                .isTrue();
        assertThat(condition(status, ConditionTypes.APPLIED).message()).isEqualTo("there is nothing to apply");
        assertThat(Conditions.isTrue(status.conditions(), ConditionTypes.AVAILABLE))
                .isTrue();
    }
}
