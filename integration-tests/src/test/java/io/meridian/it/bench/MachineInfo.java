package io.meridian.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What a figure was measured on: CPUs, memory, OS, JDK, etcd, the disk under etcd's data, the load. */
final class MachineInfo {

    private MachineInfo() {}

    static Map<String, String> describe(Optional<String> etcdBinary, Path etcdData) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CPUs (nproc)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("CPU model", cpuModel());
        m.put("memory", memory());
        m.put("OS", os());
        m.put(
                "JDK",
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.home") + ")");
        m.put("etcd", etcdBinary.map(MachineInfo::etcdVersion).orElse("unknown"));
        m.put("etcd data", etcdData + " on " + filesystem(etcdData));
        m.put("load average at start", loadAverage());
        return m;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> {
                        long kb = Long.parseLong(l.replaceAll("\\D", ""));
                        return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
                    })
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException | NumberFormatException e) {
            return "unknown";
        }
    }

    private static String os() {
        String pretty = "Linux";
        try {
            pretty = Files.readAllLines(Path.of("/etc/os-release")).stream()
                    .filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
                    .findFirst()
                    .orElse(pretty);
        } catch (IOException e) {
            // keep the generic name
        }
        return pretty + ", kernel " + System.getProperty("os.version");
    }

    private static String etcdVersion(String binary) {
        List<String> out = run(binary, "--version");
        String version = out.stream()
                .filter(l -> l.startsWith("etcd Version:"))
                .map(l -> l.substring("etcd Version:".length()).trim())
                .findFirst()
                .orElse("unknown");
        return version + " (" + binary + ")";
    }

    /** The mount holding {@code path}: device and filesystem type, from {@code /proc/mounts}. */
    private static String filesystem(Path path) {
        try {
            String target = path.toAbsolutePath().toRealPath().toString();
            String best = null;
            String bestMount = "";
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] f = line.split(" ");
                String mount = f[1];
                boolean covers = target.equals(mount) || target.startsWith(mount.endsWith("/") ? mount : mount + "/");
                if (covers && mount.length() >= bestMount.length()) {
                    bestMount = mount;
                    best = f[0] + " (" + f[2] + ", mounted on " + mount + ")";
                }
            }
            return best == null ? "unknown" : best;
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static List<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return List.of(new String(out, StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            return new ArrayList<>();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ArrayList<>();
        }
    }
}
