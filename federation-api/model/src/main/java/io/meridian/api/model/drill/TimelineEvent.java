package io.meridian.api.model.drill;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.Patterns;
import java.time.Instant;

/** One measured moment of a drill. */
@ApiType
public record TimelineEvent(
        @JsonPropertyDescription("When it happened.") @Required
        Instant time,

        @JsonPropertyDescription("What happened, in CamelCase, such as FaultInjected, ClusterNotReady,"
                + " WorkloadsReady, DnsWithdrawn or Restored.")
        @Required
        @Pattern(Patterns.REASON)
        String event,

        @JsonPropertyDescription("Details for humans.") String detail) {

    public TimelineEvent {
        detail = ApiValues.text(detail);
    }

    /** {@code event} at {@code time}, with {@code detail}. */
    public static TimelineEvent of(Instant time, String event, String detail) {
        return new TimelineEvent(time, event, detail);
    }
}
