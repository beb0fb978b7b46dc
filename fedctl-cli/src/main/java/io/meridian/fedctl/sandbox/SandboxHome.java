package io.meridian.fedctl.sandbox;

import java.nio.file.Path;

/**
 * Where the sandbox keeps its state: {@code ~/.meridian/sandbox} unless {@code MERIDIAN_SANDBOX_HOME}
 * (or {@code --home}) says otherwise.
 */
public record SandboxHome(Path root) {

    public static SandboxHome resolve(Path override) {
        if (override != null) {
            return new SandboxHome(override.toAbsolutePath());
        }
        String env = System.getenv("MERIDIAN_SANDBOX_HOME");
        if (env != null && !env.isBlank()) {
            return new SandboxHome(Path.of(env).toAbsolutePath());
        }
        return new SandboxHome(Path.of(System.getProperty("user.home"), ".meridian", "sandbox"));
    }

    public Path etcd() {
        return root.resolve("etcd");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path kubeconfig() {
        return root.resolve("kubeconfig");
    }

    public Path stateFile() {
        return root.resolve("state.properties");
    }

    public Path supervisorLog() {
        return logs().resolve("sandbox.log");
    }
}
