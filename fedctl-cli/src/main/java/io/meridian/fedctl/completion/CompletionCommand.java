package io.meridian.fedctl.completion;

import io.meridian.fedctl.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fedctl completion bash|zsh}: a completion script for every command and option. */
@Command(
        name = "completion",
        description = {
            "Print a shell completion script for fedctl's commands and options.",
            "bash:  source <(fedctl completion bash)",
            "zsh:   source <(fedctl completion zsh)"
        })
public final class CompletionCommand implements Callable<Integer> {

    /** The shells a script can be printed for. */
    public enum Shell {
        bash,
        zsh
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash (default) or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("fedctl", spec.root().commandLine());
        if (shell == Shell.zsh) {
            // picocli writes a bash script; zsh runs it through its bash compatibility layer
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
