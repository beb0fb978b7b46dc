package io.meridian.fedctl.apply;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.meridian.fedctl.DurationConverter;
import io.meridian.fedctl.ExitCodes;
import io.meridian.fedctl.FederationCommand;
import io.meridian.fedctl.UserError;
import io.meridian.fedctl.connect.Federation;
import io.meridian.fedctl.output.Ages;
import io.meridian.fedctl.output.Documents;
import io.meridian.fedctl.output.OutputOptions;
import io.meridian.fedctl.rollout.RolloutWatch;
import io.meridian.fedctl.rollout.Target;
import io.meridian.fedctl.rollout.WorkloadProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fedctl apply -f FILE|DIR|-}: plain manifests to the federation API, then the rollout in every
 * cluster, live, until all is ready or the timeout passes.
 */
@Command(
        name = "apply",
        sortOptions = false,
        description = {
            "Apply manifests to the federation API (server-side apply, field manager fedctl), then follow the"
                    + " rollout: per workload and cluster, whether it is applied and how many replicas are ready,"
                    + " until everything is ready or --timeout passes.",
            "Exit code 0 only when every placed workload is ready; 3 when the timeout passed first.",
            "--regions, --clusters, --weights and --divided generate a PropagationPolicy per workload, named after"
                    + " it; --dry-run shows where each object would go and writes nothing."
        })
public final class ApplyCommand extends FederationCommand {

    @Option(
            names = {"-f", "--filename"},
            required = true,
            arity = "1..*",
            paramLabel = "FILE|DIR|-",
            description = "Manifests: files, directories (their .yaml, .yml and .json files) or - for standard input.")
    List<String> files = new ArrayList<>();

    @Option(
            names = {"-R", "--recursive"},
            description = "Also read the subdirectories of directories given with -f.")
    boolean recursive;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NAMESPACE",
            description = "The namespace of objects that name none (default: the context's, else default).")
    String namespace;

    @Mixin
    PolicyShortcuts shortcuts;

    @Option(
            names = "--dry-run",
            description = "Show the policy and placement (cluster: replicas) each object would get; write nothing.")
    boolean dryRun;

    @Option(
            names = "--wait",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Follow the rollout until everything is ready (default); --no-wait returns once applied.")
    boolean wait;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "How long to wait for readiness (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    OutputOptions output;

    private List<Manifest> manifests;

    @Override
    protected void prepare() {
        manifests = ManifestReader.read(files, recursive, () -> System.in);
    }

    @Override
    protected String namespaceOption() {
        return namespace;
    }

    @Override
    protected int run(Federation federation) throws InterruptedException {
        Planner planner = new Planner(federation);
        List<Planner.Resolved> resolved = planner.resolve(manifests, namespace);
        Planner.Plan plan = planner.plan(resolved, shortcuts, dryRun);
        if (dryRun) {
            DryRunView.print(plan, federation.describe(), output.format(), out(), terminal());
            return ExitCodes.OK;
        }
        // With -o the document goes to standard output; people still see the progress on the other.
        PrintWriter progress = output.format() == null ? out() : err();
        List<Applier.Applied> applied = new ArrayList<>();
        for (Planner.Resolved r : plan.toApply()) {
            Applier.Applied a = Applier.apply(federation.client(), r);
            applied.add(a);
            progress.println(r.manifest().ref() + " " + a.action());
            progress.flush();
        }
        plan.generated().forEach(note -> progress.println("note: " + note));

        Map<Target, ResourceDefinitionContext> targets = new LinkedHashMap<>();
        List<String> notPlaced = new ArrayList<>();
        for (Planner.Planned p : plan.placements()) {
            if (p.match() == null) {
                // member-sync creates namespaces in the members as their objects arrive
                if (p.follows() == null && !p.object().manifest().kind().equals("Namespace")) {
                    notPlaced.add(p.object().manifest().ref());
                }
                continue;
            }
            Applier.Applied a = applied.stream()
                    .filter(x -> x.object()
                            .manifest()
                            .describe()
                            .equals(p.object().manifest().describe()))
                    .findFirst()
                    .orElseThrow();
            targets.put(
                    new Target(
                            p.object().manifest().apiVersion(),
                            p.object().manifest().kind(),
                            p.object().manifest().namespace(),
                            p.object().manifest().name(),
                            a.result().getMetadata().getUid(),
                            a.result().getMetadata().getGeneration()),
                    p.object().kind().context());
        }
        if (!notPlaced.isEmpty()) {
            progress.println(
                    "note: no policy selects " + String.join(", ", notPlaced)
                            + ": no member cluster gets them (add a PropagationPolicy that selects them, or use --regions/--clusters)");
        }
        progress.flush();
        if (targets.isEmpty() || !wait) {
            if (output.format() != null) {
                Documents.print(out(), ApplyReport.of(applied, List.of(), targets.isEmpty()), output.format());
            }
            return ExitCodes.OK;
        }
        progress.println();
        progress.println("Waiting up to " + Ages.human(timeout) + " for " + targets.size()
                + " workload(s) to be ready in their clusters:");
        progress.flush();
        long start = System.nanoTime();
        List<WorkloadProgress> states;
        try (RolloutWatch watch = new RolloutWatch(federation.client(), targets).start()) {
            states = watch.follow(timeout, progress, terminal());
        }
        boolean ready = states.stream().allMatch(WorkloadProgress::ready);
        if (output.format() != null) {
            Documents.print(out(), ApplyReport.of(applied, states, ready), output.format());
        }
        if (ready) {
            long took = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            progress.println("All " + states.size() + " workload(s) are ready (" + took + "s).");
            progress.flush();
            return ExitCodes.OK;
        }
        List<String> waiting = states.stream()
                .filter(s -> !s.ready())
                .map(s -> s.target().ref() + " (" + s.phase() + ": " + s.summary() + ")")
                .toList();
        WorkloadProgress first =
                states.stream().filter(s -> !s.ready()).findFirst().orElseThrow();
        throw new UserError(
                "not ready after " + timeout.toSeconds() + "s: " + String.join(", ", waiting) + "; see why with"
                        + " 'fedctl status " + first.target().commandRef() + "'",
                ExitCodes.TIMEOUT);
    }
}
