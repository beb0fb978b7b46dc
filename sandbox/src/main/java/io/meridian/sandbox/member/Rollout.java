package io.meridian.sandbox.member;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far a workload controller has come in bringing up one object's pods: which pod template has ready pods and how
 * many, what is wanted now, and since when. Shared by Deployments, StatefulSets and DaemonSets, which differ only in
 * how they report it.
 *
 * <p>The model is deliberately coarse, because what federation code reads is the status a real controller reports
 * and how it moves, not pods: wanted pods become ready {@code delay} after the wanted state was first seen; pods of
 * the template that is already ready stay ready meanwhile (so scaling down is immediate, scaling up keeps the old
 * ones, and an image change keeps serving from the old template until the new one is ready); a broken template (a
 * crash-looping image) never becomes ready. Pods, surge and {@code maxUnavailable} are not modelled.
 *
 * <p>It is kept in memory and rebuilt from the object's status when the simulator restarts ({@link #resume}), so the
 * simulator stays level-triggered: the status is recomputed from spec, this record and the clock on every event.
 */
final class Rollout {

    /** The current state as a controller would report it. {@code settlesAt} is null when nothing more will change. */
    record Progress(
            int replicas,
            int ready,
            int updated,
            String template,
            String readyTemplate,
            boolean complete,
            boolean stalled,
            Instant settlesAt) {}

    private static final String UNKNOWN = "\0unknown";

    private String readyTemplate;
    private int readyPods;
    private String template;
    private int replicas;
    private boolean broken;
    private Instant since;

    private Rollout(String readyTemplate, int readyPods) {
        this.readyTemplate = readyTemplate;
        this.readyPods = readyPods;
    }

    /** Nothing is running yet. */
    static Rollout fresh() {
        return new Rollout(null, 0);
    }

    /**
     * Picks up where a previous simulator left off: if the stored status says the current template and replica count
     * were fully ready, they still are; otherwise {@code readyNow} pods of an unknown earlier template are ready.
     */
    static Rollout resume(String currentTemplate, int replicas, boolean settled, int readyNow) {
        if (settled) {
            Rollout r = new Rollout(currentTemplate, replicas);
            r.template = currentTemplate;
            r.replicas = replicas;
            r.since = Instant.EPOCH;
            return r;
        }
        return new Rollout(UNKNOWN, Math.max(0, readyNow));
    }

    /** Records what is wanted now and reports the state at {@code now}. Idempotent for an unchanged wish. */
    synchronized Progress observe(
            String wantedTemplate, int wantedReplicas, boolean wantedBroken, Instant now, Duration delay) {
        Objects.requireNonNull(wantedTemplate, "template");
        settle(now, delay);
        if (!wantedTemplate.equals(template) || wantedReplicas != replicas || wantedBroken != broken) {
            template = wantedTemplate;
            replicas = wantedReplicas;
            broken = wantedBroken;
            since = now;
            if (wantedTemplate.equals(readyTemplate)) {
                // Scaling down deletes pods at once; scaling up later starts new ones.
                readyPods = Math.min(readyPods, wantedReplicas);
            }
        }
        settle(now, delay);
        boolean sameTemplate = template.equals(readyTemplate);
        int ready = Math.min(readyPods, replicas);
        boolean complete = sameTemplate && readyPods >= replicas;
        int updated = sameTemplate || (broken && !now.isBefore(since.plus(delay))) ? replicas : 0;
        boolean stalled = broken && !now.isBefore(since.plus(delay));
        Instant settlesAt = complete || stalled ? null : since.plus(delay);
        return new Progress(
                replicas,
                ready,
                updated,
                template,
                readyTemplate == null || readyTemplate.equals(UNKNOWN) ? null : readyTemplate,
                complete,
                stalled,
                settlesAt);
    }

    private void settle(Instant now, Duration delay) {
        if (template == null) {
            return;
        }
        if (replicas == 0 || (!broken && !now.isBefore(since.plus(delay)))) {
            readyTemplate = template;
            readyPods = broken ? 0 : replicas;
        }
    }
}
