package io.meridian.sandbox.member;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process behind {@link VirtualClusters}: one JVM running many copies of the member-mode API server, each a
 * complete Spring application context of its own — its own port, its own etcd key prefix, its own etcd client, watch
 * caches, servlet container and metrics — beside the others. Nothing is shared between two copies except what a JVM
 * shares anyway (classes, compiled code, the heap, the garbage collector), so every request a member cluster receives is
 * served by the same code, configured the same way, as in a member API server process of its own.
 *
 * <p>It runs on the API server's own class path (the packaged jar, extracted), not on the sandbox's, so it uses only
 * the JDK: Spring is reached by reflection. A small control endpoint answers {@code /readyz} with 200 once every copy
 * has started, and {@code /ports} with a line {@code <name> <port>} per started copy (a copy asked to listen on port 0
 * gets its port from the kernel); a copy that fails to start ends the process. The process also ends when the process that launched it
 * is gone, so that an aborted benchmark or test leaves nothing behind.
 *
 * <pre>
 * java -cp &lt;extracted API server jar&gt;:&lt;sandbox classes&gt; io.meridian.sandbox.member.VirtualClusterHost \
 *     --application=io.meridian.apiserver.ApiServerApplication --control-port=P --parent-pid=PID \
 *     --cluster=member-1@PORT1@/members/member-1/registry --cluster=... \
 *     -- --meridian.api.mode=member --meridian.api.etcd.endpoints=... (arguments every copy gets)
 * </pre>
 */
public final class VirtualClusterHost {

    private record Copy(String name, int port, String prefix) {}

    private VirtualClusterHost() {}

    public static void main(String[] args) throws Exception {
        String application = null;
        int controlPort = -1;
        long parentPid = -1;
        int parallel = 1;
        List<Copy> copies = new ArrayList<>();
        List<String> common = new ArrayList<>();
        boolean rest = false;
        for (String arg : args) {
            if (rest) {
                common.add(arg);
            } else if (arg.equals("--")) {
                rest = true;
            } else if (arg.startsWith("--application=")) {
                application = value(arg);
            } else if (arg.startsWith("--control-port=")) {
                controlPort = Integer.parseInt(value(arg));
            } else if (arg.startsWith("--parent-pid=")) {
                parentPid = Long.parseLong(value(arg));
            } else if (arg.startsWith("--parallel=")) {
                parallel = Math.max(1, Integer.parseInt(value(arg)));
            } else if (arg.startsWith("--cluster=")) {
                String[] parts = value(arg).split("@", 3);
                if (parts.length != 3) {
                    throw new IllegalArgumentException("--cluster=NAME@PORT@PREFIX, not " + arg);
                }
                copies.add(new Copy(parts[0], Integer.parseInt(parts[1]), parts[2]));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (application == null || controlPort < 0 || copies.isEmpty()) {
            throw new IllegalArgumentException("--application, --control-port and at least one --cluster are required");
        }
        if (parentPid > 0) {
            watchParent(parentPid);
        }
        AtomicInteger started = new AtomicInteger();
        int total = copies.size();
        // The port each copy listens on, once it does: a copy asked for port 0 gets one from the kernel, so that no
        // other process on the machine can take it between choosing and binding.
        Map<String, Integer> ports = new ConcurrentHashMap<>();
        HttpServer control =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), controlPort), 16);
        control.createContext("/readyz", exchange -> {
            int n = started.get();
            answer(exchange, n == total ? 200 : 503, n == total ? "ok" : "started " + n + " of " + total);
        });
        control.createContext("/ports", exchange -> {
            StringBuilder body = new StringBuilder();
            copies.forEach(c -> {
                Integer port = ports.get(c.name());
                if (port != null) {
                    body.append(c.name()).append(' ').append(port).append('\n');
                }
            });
            answer(exchange, 200, body.toString());
        });
        control.start();

        Class<?> app = Class.forName(application);
        Method run = Class.forName("org.springframework.boot.SpringApplication")
                .getMethod("run", Class.class, String[].class);
        long begin = System.nanoTime();
        ExecutorService starters = Executors.newFixedThreadPool(parallel);
        List<Future<?>> pending = new ArrayList<>();
        for (Copy copy : copies) {
            pending.add(starters.submit(() -> {
                List<String> copyArgs = new ArrayList<>(common);
                copyArgs.add("--server.port=" + copy.port());
                copyArgs.add("--meridian.api.etcd.prefix=" + copy.prefix());
                copyArgs.add("--spring.application.name=" + copy.name());
                long t = System.nanoTime();
                int port = copy.port();
                try {
                    Object context = run.invoke(null, app, (Object) copyArgs.toArray(String[]::new));
                    port = localPort(context, copy.port());
                    ports.put(copy.name(), port);
                } catch (InvocationTargetException e) {
                    fail("member cluster " + copy.name() + " did not start", e.getCause());
                } catch (ReflectiveOperationException e) {
                    fail("cannot start member cluster " + copy.name(), e);
                }
                System.out.printf(
                        "virtual member cluster %s started on port %d in %d ms (%d of %d)%n",
                        copy.name(),
                        port,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t),
                        started.incrementAndGet(),
                        total);
                return null;
            }));
        }
        for (Future<?> f : pending) {
            f.get();
        }
        starters.shutdown();
        System.out.printf(
                "all %d virtual member clusters started in %d s%n",
                total, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin));
    }

    /** The port a started copy listens on: Spring's {@code local.server.port}, or the one asked for. */
    private static int localPort(Object context, int asked) throws ReflectiveOperationException {
        Object environment = Class.forName("org.springframework.context.ConfigurableApplicationContext")
                .getMethod("getEnvironment")
                .invoke(context);
        Object port = Class.forName("org.springframework.core.env.PropertyResolver")
                .getMethod("getProperty", String.class)
                .invoke(environment, "local.server.port");
        return port == null ? asked : Integer.parseInt(port.toString());
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static void fail(String message, Throwable cause) {
        System.err.println(message + ":");
        cause.printStackTrace();
        System.exit(1);
    }

    private static void answer(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Ends this process once the one that launched it is gone (killed, crashed, or ended without closing us). */
    private static void watchParent(long pid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        Thread watcher = Thread.ofPlatform().daemon().name("parent-watch").unstarted(() -> {
            while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("the launching process " + pid + " is gone; stopping");
            // Closing a hundred contexts one by one can take a while; nobody is waiting for them.
            Runtime.getRuntime().halt(0);
        });
        watcher.start();
    }
}
