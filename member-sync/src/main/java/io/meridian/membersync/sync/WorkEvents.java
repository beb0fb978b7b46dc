package io.meridian.membersync.sync;

import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.ConditionStatus;
import io.meridian.api.model.meta.Conditions;
import io.meridian.api.model.names.ConditionTypes;
import io.meridian.api.model.work.Work;
import io.meridian.api.model.work.WorkStatus;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code events.k8s.io/v1} Event on a Work each time its Applied or Available condition turns
 * False (or changes its reason while False), so that {@code kubectl describe work} and {@code kubectl
 * events} say what went wrong in the member. Best effort: an Event that cannot be written is only
 * logged.
 */
final class WorkEvents {

    /** The reporting controller of member-sync's Events. */
    static final String REPORTING_CONTROLLER = "meridian-member-sync";

    private static final Logger log = LoggerFactory.getLogger(WorkEvents.class);
    private static final int MAX_NOTE = 1024;
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final KubernetesClient federation;
    private final String cluster;
    private final Clock clock;

    WorkEvents(KubernetesClient federation, String cluster, Clock clock) {
        this.federation = federation;
        this.cluster = cluster;
        this.clock = clock;
    }

    /** Records what turned False between {@code before} and {@code after}. */
    void recordTransitions(Work work, WorkStatus before, WorkStatus after) {
        List<Condition> old = before == null ? List.of() : before.conditions();
        for (String type : List.of(ConditionTypes.APPLIED, ConditionTypes.AVAILABLE)) {
            Optional<Condition> now = Conditions.find(after.conditions(), type);
            if (now.isEmpty() || now.get().status() != ConditionStatus.FALSE) {
                continue;
            }
            Optional<Condition> was = Conditions.find(old, type);
            boolean same = was.isPresent()
                    && was.get().status() == ConditionStatus.FALSE
                    && was.get().reason().equals(now.get().reason());
            if (!same) {
                record(work, type, now.get());
            }
        }
    }

    /** {@code <work>.<nanoseconds in hex>}, as client-go's recorder names events: unique and traceable. */
    private String eventName(String workName) {
        String suffix = "."
                + Long.toHexString(clock.instant().getEpochSecond() * 1_000_000_000L
                        + clock.instant().getNano());
        String head =
                workName.length() + suffix.length() > 253 ? workName.substring(0, 253 - suffix.length()) : workName;
        // A name must end alphanumeric before the suffix; the head may have been cut after a dot or a dash.
        while (!head.isEmpty() && !Character.isLetterOrDigit(head.charAt(head.length() - 1))) {
            head = head.substring(0, head.length() - 1);
        }
        return head + suffix;
    }

    private void record(Work work, String type, Condition condition) {
        String note = condition.message() == null ? "" : condition.message();
        if (note.length() > MAX_NOTE) {
            note = note.substring(0, MAX_NOTE - 3) + "...";
        }
        try {
            federation
                    .events()
                    .v1()
                    .events()
                    .inNamespace(work.getMetadata().getNamespace())
                    .resource(new EventBuilder()
                            .withNewMetadata()
                            .withName(eventName(work.getMetadata().getName()))
                            .withNamespace(work.getMetadata().getNamespace())
                            .endMetadata()
                            .withRegarding(new ObjectReferenceBuilder()
                                    .withApiVersion(work.getApiVersion())
                                    .withKind(work.getKind())
                                    .withNamespace(work.getMetadata().getNamespace())
                                    .withName(work.getMetadata().getName())
                                    .withUid(work.getMetadata().getUid())
                                    .withResourceVersion(work.getMetadata().getResourceVersion())
                                    .build())
                            .withType("Warning")
                            .withReason(condition.reason())
                            .withAction(ConditionTypes.APPLIED.equals(type) ? "Apply" : "Observe")
                            .withNote(note)
                            .withEventTime(new MicroTime(MICRO_TIME.format(clock.instant())))
                            .withReportingController(REPORTING_CONTROLLER)
                            .withReportingInstance(REPORTING_CONTROLLER + "/" + cluster)
                            .build())
                    .create();
        } catch (RuntimeException e) {
            log.debug(
                    "Could not record a {} event on Work {}: {}",
                    condition.reason(),
                    work.getMetadata().getName(),
                    e.toString());
        }
    }
}
