package io.meridian.sandbox.etcd;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/** Finds the etcd executable: system property, then environment variable, then the PATH. */
final class EtcdBinary {

    static final String PROPERTY = "meridian.etcd.bin";
    static final String ENV = "MERIDIAN_ETCD_BIN";
    static final String INSTALL_HINT =
            "install it with 'sudo apt-get install -y etcd-server etcd-client' (Debian/Ubuntu)";
    static final String NOT_FOUND =
            "etcd not found on PATH: " + INSTALL_HINT + ", or set " + ENV + " to the etcd binary";

    private EtcdBinary() {}

    static Path resolve() {
        return resolve(System.getProperty(PROPERTY), System.getenv());
    }

    static Path resolve(String property, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return explicit(property, "the system property " + PROPERTY);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return explicit(fromEnv, ENV);
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, "etcd");
                if (isExecutableFile(candidate)) {
                    return candidate.toAbsolutePath();
                }
            } catch (InvalidPathException e) {
                // A malformed PATH entry cannot hold etcd; look at the next one.
            }
        }
        throw new EtcdRingException(NOT_FOUND);
    }

    /** A binary named explicitly must exist: falling back to the PATH would hide a typo. */
    static Path explicit(String location, String source) {
        Path candidate;
        try {
            candidate = Path.of(location);
        } catch (InvalidPathException e) {
            throw notExecutable(location, source);
        }
        if (!isExecutableFile(candidate)) {
            throw notExecutable(location, source);
        }
        return candidate.toAbsolutePath();
    }

    private static EtcdRingException notExecutable(String location, String source) {
        return new EtcdRingException(source + " names '" + location
                + "', which is not an executable file: point it at the etcd binary, or unset it and "
                + INSTALL_HINT);
    }

    private static boolean isExecutableFile(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate);
    }
}
