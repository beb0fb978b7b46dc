package io.meridian.api.model.policy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.meridian.api.model.meta.ApiType;

/**
 * When and how a workload leaves a failed cluster. The API server fills in the defaults when the
 * section is present; {@link #DEFAULTS} and the {@code effective...} methods apply them when it is
 * absent.
 */
@ApiType
public record FailoverBehavior(
        @JsonPropertyDescription("How long the workload stays on a cluster whose Ready condition is False"
                + " before it is moved away. Defaults to 300.")
        @Min(0)
        @Default("300")
        Long clusterNotReadyTolerationSeconds,

        @JsonPropertyDescription("How long the workload stays on a cluster that stopped heartbeating (Ready"
                + " Unknown) before it is moved away. Defaults to 300.")
        @Min(0)
        @Default("300")
        Long clusterUnreachableTolerationSeconds,

        @JsonPropertyDescription("Graceful (the default): the old copy stays until the new copies are healthy"
                + " elsewhere or gracePeriodSeconds ends. Immediate: the old copy is removed at once.")
        @Default("Graceful")
        PurgeMode purgeMode,

        @JsonPropertyDescription("With Graceful: the longest the old copy is kept. Defaults to 600.")
        @Min(1)
        @Default("600")
        Long gracePeriodSeconds) {

    public static final long DEFAULT_TOLERATION_SECONDS = 300;
    public static final long DEFAULT_GRACE_PERIOD_SECONDS = 600;

    /** The behavior when a policy says nothing. */
    public static final FailoverBehavior DEFAULTS = new FailoverBehavior(
            DEFAULT_TOLERATION_SECONDS, DEFAULT_TOLERATION_SECONDS, PurgeMode.GRACEFUL, DEFAULT_GRACE_PERIOD_SECONDS);

    /** {@code clusterNotReadyTolerationSeconds}, or its default. */
    public long effectiveNotReadyTolerationSeconds() {
        return clusterNotReadyTolerationSeconds == null ? DEFAULT_TOLERATION_SECONDS : clusterNotReadyTolerationSeconds;
    }

    /** {@code clusterUnreachableTolerationSeconds}, or its default. */
    public long effectiveUnreachableTolerationSeconds() {
        return clusterUnreachableTolerationSeconds == null
                ? DEFAULT_TOLERATION_SECONDS
                : clusterUnreachableTolerationSeconds;
    }

    /** {@code purgeMode}, or its default. */
    public PurgeMode effectivePurgeMode() {
        return purgeMode == null ? PurgeMode.GRACEFUL : purgeMode;
    }

    /** {@code gracePeriodSeconds}, or its default. */
    public long effectiveGracePeriodSeconds() {
        return gracePeriodSeconds == null ? DEFAULT_GRACE_PERIOD_SECONDS : gracePeriodSeconds;
    }
}
