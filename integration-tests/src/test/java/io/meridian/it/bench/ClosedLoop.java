package io.meridian.it.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A closed-loop load: {@code clients} virtual threads, each issuing one operation after the other for a fixed window
 * (or until a shared count is reached). Only operations that complete inside the window count, so throughput is
 * completions per second of window, and an operation that straddles the end is dropped rather than stretching it.
 */
final class ClosedLoop {

    /** One request; returns normally on success, throws (with a short message) on failure. */
    @FunctionalInterface
    interface Operation {
        void run(int client, long seq) throws Exception;
    }

    private ClosedLoop() {}

    /** Runs for {@code window} and reports what completed in it. */
    static Window forDuration(int clients, Duration window, CpuAccounting cpu, Operation op) {
        return run(clients, window, Long.MAX_VALUE, cpu, op);
    }

    /** Runs operations number 0 to {@code total - 1}, shared out among the clients, or until {@code limit} passes. */
    static Window forCount(int clients, long total, Duration limit, CpuAccounting cpu, Operation op) {
        return run(clients, limit, total, cpu, op);
    }

    private static Window run(int clients, Duration window, long total, CpuAccounting cpu, Operation op) {
        List<Samples> samples = new ArrayList<>();
        long[] errors = new long[clients];
        Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();
        AtomicLong issued = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        CpuAccounting.Snapshot before = cpu.snapshot();
        long start = System.nanoTime();
        long end = start + window.toNanos();
        for (int c = 0; c < clients; c++) {
            Samples mine = new Samples();
            samples.add(mine);
            int client = c;
            threads.add(Thread.ofVirtual().name("load-", c).start(() -> {
                long own = 0;
                while (true) {
                    // Counted runs number operations across clients (seeding names objects 0..total-1).
                    long seq = total == Long.MAX_VALUE ? own++ : issued.getAndIncrement();
                    if (seq >= total) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        return;
                    }
                    boolean ok;
                    try {
                        op.run(client, seq);
                        ok = true;
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        ok = false;
                        String kind = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
                        errorKinds
                                .computeIfAbsent(
                                        kind.length() > 200 ? kind.substring(0, 200) : kind, k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    long t1 = System.nanoTime();
                    if (t1 > end) {
                        return;
                    }
                    if (ok) {
                        mine.add(t1 - t0);
                    } else {
                        errors[client]++;
                    }
                }
            }));
        }
        CpuAccounting.Snapshot after = null;
        if (total == Long.MAX_VALUE) {
            // The window is fixed: take the CPU reading at its end, not when the last straggler returns.
            long left;
            while ((left = end - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
            }
            after = cpu.snapshot();
        }
        long finished = end;
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the load to finish", e);
            }
        }
        if (after == null) {
            after = cpu.snapshot();
            finished = Math.min(System.nanoTime(), end);
        }
        long errorCount = 0;
        for (long e : errors) {
            errorCount += e;
        }
        Map<String, Integer> kinds = new TreeMap<>();
        errorKinds.forEach((k, v) -> kinds.put(k, v.get()));
        return new Window(
                Samples.merge(samples),
                errorCount,
                kinds,
                (finished - start) / 1e9,
                CpuAccounting.between(before, after));
    }

    /** What one window measured. */
    record Window(
            Samples latencies, long errors, Map<String, Integer> errorKinds, double seconds, CpuAccounting.Usage cpu) {

        long operations() {
            return latencies.size();
        }

        double throughput() {
            return operations() / seconds;
        }
    }
}
