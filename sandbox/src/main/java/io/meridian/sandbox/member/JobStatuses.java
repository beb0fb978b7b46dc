package io.meridian.sandbox.member;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The status the Job controller would write: a start time when the Job is first seen (unless it is suspended), then,
 * {@code duration} after that start time, either success ({@code succeeded = completions}, the
 * {@code SuccessCriteriaMet} and {@code Complete} conditions and a completion time, as Kubernetes 1.31+ reports it) or,
 * for a broken template, failure after the backoff limit. The start time in the status is the clock, so a restarted
 * simulator finishes a Job on time.
 */
final class JobStatuses {

    /** The next status and, if the Job is still running, when to look again. */
    record Next(JobStatus status, Instant recheckAt) {}

    private JobStatuses() {}

    static Next next(Job job, boolean broken, Instant now, Duration duration) {
        JobStatus old = job.getStatus();
        if (finished(old)) {
            return new Next(old, null);
        }
        Instant started = old == null ? null : parse(old.getStartTime());
        if (started == null) {
            if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
                return new Next(old, null);
            }
            int active = Math.min(parallelism(job), completions(job));
            JobStatus running = new JobStatusBuilder(old == null ? new JobStatus() : old)
                    .withStartTime(WorkloadStatuses.rfc3339(now))
                    .withActive(WorkloadStatuses.nonZero(active))
                    .withReady(active)
                    .withTerminating(0)
                    .build();
            return new Next(running, now.plus(duration));
        }
        Instant due = started.plus(duration);
        if (now.isBefore(due)) {
            return new Next(old, due);
        }
        String time = WorkloadStatuses.rfc3339(now);
        if (broken) {
            int backoffLimit =
                    job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
            String message = "Job has reached the specified backoff limit";
            JobStatus failed = new JobStatusBuilder(old)
                    .withActive(null)
                    .withReady(0)
                    .withFailed(backoffLimit + 1)
                    .withConditions(List.of(
                            condition("FailureTarget", "BackoffLimitExceeded", message, time),
                            condition("Failed", "BackoffLimitExceeded", message, time)))
                    .build();
            return new Next(failed, null);
        }
        String message = "Reached expected number of succeeded pods";
        JobStatus complete = new JobStatusBuilder(old)
                .withActive(null)
                .withReady(0)
                .withSucceeded(completions(job))
                .withCompletionTime(time)
                .withConditions(List.of(
                        condition("SuccessCriteriaMet", "CompletionsReached", message, time),
                        condition("Complete", "CompletionsReached", message, time)))
                .build();
        return new Next(complete, null);
    }

    private static boolean finished(JobStatus s) {
        return s != null
                && s.getConditions() != null
                && s.getConditions().stream()
                        .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                                && "True".equals(c.getStatus()));
    }

    private static int completions(Job job) {
        Integer c = job.getSpec().getCompletions();
        return c == null ? 1 : c;
    }

    private static int parallelism(Job job) {
        Integer p = job.getSpec().getParallelism();
        return p == null ? 1 : p;
    }

    private static JobCondition condition(String type, String reason, String message, String time) {
        return new JobConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withReason(reason)
                .withMessage(message)
                .withLastProbeTime(time)
                .withLastTransitionTime(time)
                .build();
    }

    private static Instant parse(String time) {
        if (time == null || time.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
