package io.meridian.fedctl.clusters;

import picocli.CommandLine.Command;

/** {@code fedctl get}: lists of federation objects; kubectl covers the rest. */
@Command(
        name = "get",
        description = "List federation objects (kubectl get covers every other kind).",
        subcommands = {GetClustersCommand.class})
public final class GetCommand {}
