package io.meridian.controller.events;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records {@code events.k8s.io/v1} Events about federated objects, bindings, Works and policies,
 * as {@code meridian-controller}.
 *
 * <p>Callers record on state transitions; on top of that, the same event (object, type, reason,
 * note) is recorded at most once per {@code repeatWindow}, so a condition that stays False while its
 * key is retried does not flood the API. Recording is best effort: an Event that cannot be written
 * is logged and dropped, since the condition it accompanies carries the state.
 */
public final class EventRecorder {

    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

    /** The reporting controller of every Event written here. */
    public static final String REPORTING_CONTROLLER = "meridian-controller";

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    /** events.k8s.io/v1 refuses notes over 1 kB. */
    private static final int MAX_NOTE = 1024;

    private static final int MAX_REMEMBERED = 10_000;
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final String instance;
    private final Clock clock;
    private final Duration repeatWindow;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Instant> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    /**
     * @param instance this replica's identity, the Events' reporting instance
     * @param repeatWindow how long an identical Event is not recorded again
     */
    public EventRecorder(KubernetesClient client, String instance, Clock clock, Duration repeatWindow) {
        this.client = client;
        this.instance = instance;
        this.clock = clock;
        this.repeatWindow = repeatWindow;
    }

    /** A Normal Event about {@code regarding}. */
    public void normal(HasMetadata regarding, String reason, String action, String note) {
        record(regarding, NORMAL, reason, action, note);
    }

    /** A Warning Event about {@code regarding}. */
    public void warning(HasMetadata regarding, String reason, String action, String note) {
        record(regarding, WARNING, reason, action, note);
    }

    /** An Event of {@code type} about {@code regarding}. */
    public void record(HasMetadata regarding, String type, String reason, String action, String note) {
        if (regarding == null || regarding.getMetadata() == null) {
            return;
        }
        String text = note == null ? "" : note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE - 3) + "..." : note;
        Instant now = clock.instant();
        String dedupe = regarding.getKind() + "|" + regarding.getMetadata().getNamespace() + "|"
                + regarding.getMetadata().getName() + "|"
                + regarding.getMetadata().getUid() + "|" + type + "|"
                + reason + "|" + text;
        synchronized (recent) {
            Instant last = recent.get(dedupe);
            if (last != null && Duration.between(last, now).compareTo(repeatWindow) < 0) {
                return;
            }
            recent.put(dedupe, now);
        }
        ObjectReference ref = new ObjectReferenceBuilder()
                .withApiVersion(regarding.getApiVersion())
                .withKind(regarding.getKind())
                .withNamespace(regarding.getMetadata().getNamespace())
                .withName(regarding.getMetadata().getName())
                .withUid(regarding.getMetadata().getUid())
                .withResourceVersion(regarding.getMetadata().getResourceVersion())
                .build();
        String namespace = regarding.getMetadata().getNamespace() == null
                ? "default"
                : regarding.getMetadata().getNamespace();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(eventName(regarding.getMetadata().getName(), now))
                .endMetadata()
                .withRegarding(ref)
                .withType(type)
                .withReason(reason)
                .withAction(action)
                .withNote(text)
                .withEventTime(new MicroTime(MICRO_TIME.format(now)))
                .withReportingController(REPORTING_CONTROLLER)
                .withReportingInstance(instance)
                .build();
        try {
            client.events().v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            log.debug(
                    "Could not record {} event {} on {} {}: {}",
                    type,
                    reason,
                    regarding.getKind(),
                    regarding.getMetadata().getName(),
                    e.getMessage());
        }
    }

    /** Like client-go: the object's name and a unique suffix, within the 253 characters of a name. */
    private String eventName(String objectName, Instant now) {
        long unique = now.toEpochMilli() * 1000 + (sequence.incrementAndGet() % 1000);
        String suffix = "." + HexFormat.of().toHexDigits(unique);
        String head = objectName.length() + suffix.length() > 253
                ? objectName.substring(0, 253 - suffix.length())
                : objectName;
        return head + suffix;
    }
}
