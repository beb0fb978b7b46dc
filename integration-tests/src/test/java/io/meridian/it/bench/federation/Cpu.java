package io.meridian.it.bench.federation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU time of the processes of a federation, read from {@code /proc}, plus everything else on the (shared) machine, so
 * that a phase can say where the cores went. Groups are asked for their pids at every snapshot: a restarted controller
 * is a new process.
 */
final class Cpu {

    /** Linux reports process times in USER_HZ ticks, 100 per second on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Supplier<List<Long>>> groups = new LinkedHashMap<>();

    Cpu group(String name, Supplier<List<Long>> pids) {
        groups.put(name, pids);
        return this;
    }

    Snapshot snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        groups.forEach((name, pids) ->
                ticks.put(name, pids.get().stream().mapToLong(Cpu::processTicks).sum()));
        return new Snapshot(System.nanoTime(), ticks, machineBusyTicks());
    }

    record Snapshot(long nanos, Map<String, Long> ticks, long machineBusy) {

        /** CPU used from {@code earlier} to this snapshot. */
        Usage since(Snapshot earlier) {
            Map<String, Double> seconds = new LinkedHashMap<>();
            double ours = 0;
            for (var e : ticks.entrySet()) {
                // A process that restarted in between has fewer ticks than before: count it from zero.
                long before = earlier.ticks().getOrDefault(e.getKey(), 0L);
                long delta = e.getValue() >= before ? e.getValue() - before : e.getValue();
                double s = delta / TICKS_PER_SECOND;
                seconds.put(e.getKey(), s);
                ours += s;
            }
            double machine = (machineBusy - earlier.machineBusy()) / TICKS_PER_SECOND;
            seconds.put("other", Math.max(0, machine - ours));
            return new Usage((nanos - earlier.nanos()) / 1e9, seconds);
        }
    }

    /** CPU seconds per group over a wall-clock interval. */
    record Usage(double wallSeconds, Map<String, Double> cpuSeconds) {

        /** e.g. {@code controller 0.61  apiserver 0.40 ... other 0.12} (cores busy on average). */
        String cores() {
            StringBuilder sb = new StringBuilder();
            cpuSeconds.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s %.2f  ", k, v / wallSeconds)));
            return sb.toString().trim();
        }

        /** e.g. {@code controller 41 ms  apiserver 25 ms} of CPU per unit of work. */
        String per(long units) {
            if (units == 0) {
                return "-";
            }
            StringBuilder sb = new StringBuilder();
            cpuSeconds.forEach((k, v) -> {
                if (!k.equals("other")) {
                    sb.append(k).append(' ').append(Stats.time(v * 1e9 / units)).append("  ");
                }
            });
            return sb.toString().trim();
        }

        double total(String group) {
            return cpuSeconds.getOrDefault(group, 0.0);
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

    /** Busy ticks of all CPUs together: everything but idle and iowait. */
    static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
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

    /** Resident memory of a process in bytes; 0 once it is gone. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // gone
        }
        return 0;
    }
}
