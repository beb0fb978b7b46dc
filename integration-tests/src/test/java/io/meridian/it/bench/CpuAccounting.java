package io.meridian.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of the processes under test, read from {@code /proc}: the benchmark's own JVM (the load generator), the API
 * server and the etcd members, plus the whole machine's busy time, so that a phase can say which process the cores
 * went to and whether something else on the (shared) machine took a share.
 */
final class CpuAccounting {

    /** Linux reports process times in USER_HZ ticks, 100 per second on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, List<Long>> groups = new LinkedHashMap<>();

    CpuAccounting group(String name, List<Long> pids) {
        groups.put(name, List.copyOf(pids));
        return this;
    }

    Snapshot snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        groups.forEach((name, pids) -> ticks.put(
                name, pids.stream().mapToLong(CpuAccounting::processTicks).sum()));
        return new Snapshot(System.nanoTime(), ticks, machineBusyTicks());
    }

    /** CPU use between two snapshots. */
    static Usage between(Snapshot from, Snapshot to) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        double ours = 0;
        for (var e : to.ticks().entrySet()) {
            double s = (e.getValue() - from.ticks().getOrDefault(e.getKey(), 0L)) / TICKS_PER_SECOND;
            seconds.put(e.getKey(), s);
            ours += s;
        }
        double machine = (to.machineBusy() - from.machineBusy()) / TICKS_PER_SECOND;
        seconds.put("other", Math.max(0, machine - ours));
        return new Usage((to.nanos() - from.nanos()) / 1e9, seconds);
    }

    record Snapshot(long nanos, Map<String, Long> ticks, long machineBusy) {}

    /** CPU seconds per group over a wall-clock interval. */
    record Usage(double wallSeconds, Map<String, Double> cpuSeconds) {

        Usage plus(Usage other) {
            Map<String, Double> sum = new LinkedHashMap<>(cpuSeconds);
            other.cpuSeconds.forEach((k, v) -> sum.merge(k, v, Double::sum));
            return new Usage(wallSeconds + other.wallSeconds, sum);
        }

        /** e.g. {@code client 0.21  apiserver 1.10  etcd 0.55  other 0.04} (cores busy on average). */
        String cores() {
            StringBuilder sb = new StringBuilder();
            cpuSeconds.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s %.2f  ", k, v / wallSeconds)));
            return sb.toString().trim();
        }

        /** CPU time per operation of each group, e.g. {@code apiserver 950 us} (ms from 10 ms up). */
        String perOperation(long operations) {
            if (operations == 0) {
                return "-";
            }
            StringBuilder sb = new StringBuilder();
            cpuSeconds.forEach((k, v) -> {
                double micros = v * 1e6 / operations;
                if (!k.equals("other")) {
                    sb.append(
                            micros >= 10_000
                                    ? String.format(Locale.ROOT, "%s %.0f ms  ", k, micros / 1000)
                                    : String.format(Locale.ROOT, "%s %.0f us  ", k, micros));
                }
            });
            return sb.toString().trim();
        }
    }

    /** utime + stime of a process, all its threads; 0 once it is gone. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** Busy ticks of all CPUs together: everything but idle and iowait (guest time is already in user). */
    static long machineBusyTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
