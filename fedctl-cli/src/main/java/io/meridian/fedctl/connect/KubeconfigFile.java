package io.meridian.fedctl.connect;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meridian.fedctl.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * One kubeconfig file, read as kubectl reads it: its contexts, the cluster and user each names, and
 * a flattened copy of one context that carries everything inline (certificates, keys, tokens), so
 * that it can be stored in a Secret and used on another machine.
 */
public final class KubeconfigFile {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Path path;
    private final Config config;

    private KubeconfigFile(Path path, Config config) {
        this.path = path;
        this.config = config;
    }

    /** Reads {@code path}; a missing or unreadable file is a {@link UserError}. */
    public static KubeconfigFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new UserError("kubeconfig " + path + " does not exist; check the path");
        }
        try {
            return parse(path, Files.readString(path));
        } catch (IOException e) {
            throw new UserError("cannot read kubeconfig " + path + ": " + e.getMessage());
        }
    }

    /** Parses {@code text}, the content of {@code path} (used to resolve relative file names). */
    public static KubeconfigFile parse(Path path, String text) {
        Config config;
        try {
            config = SERIALIZATION.unmarshal(text, Config.class);
        } catch (RuntimeException e) {
            throw new UserError("kubeconfig " + path + " is not a valid kubeconfig: " + firstLine(e.getMessage()));
        }
        if (config == null) {
            throw new UserError("kubeconfig " + path + " is empty");
        }
        return new KubeconfigFile(path, config);
    }

    public Path path() {
        return path;
    }

    /** The names of its contexts, in file order. */
    public List<String> contextNames() {
        return list(config.getContexts()).stream().map(NamedContext::getName).toList();
    }

    /**
     * The context called {@code name}, or the current context when {@code name} is null; unknown
     * names and a missing current context are {@link UserError}s that list the contexts there are.
     */
    public NamedContext context(String name) {
        String wanted = name != null ? name : config.getCurrentContext();
        if (wanted == null || wanted.isEmpty()) {
            throw new UserError("kubeconfig " + path + " has no current context; choose one with --context ("
                    + describeContexts() + ")");
        }
        return list(config.getContexts()).stream()
                .filter(c -> wanted.equals(c.getName()))
                .findFirst()
                .orElseThrow(() -> new UserError(
                        "kubeconfig " + path + " has no context '" + wanted + "' (" + describeContexts() + ")"));
    }

    /** The cluster entry the context points at. */
    public NamedCluster cluster(NamedContext context) {
        String name = context.getContext() == null ? null : context.getContext().getCluster();
        return list(config.getClusters()).stream()
                .filter(c -> Objects.equals(name, c.getName()))
                .findFirst()
                .orElseThrow(() -> new UserError("context '" + context.getName() + "' in " + path
                        + " names the cluster '" + name + "', which the kubeconfig does not define"));
    }

    /** The user entry the context points at; an empty one when it names none. */
    public NamedAuthInfo user(NamedContext context) {
        String name = context.getContext() == null ? null : context.getContext().getUser();
        if (name == null || name.isEmpty()) {
            return new NamedAuthInfo("", new AuthInfo());
        }
        return list(config.getUsers()).stream()
                .filter(u -> Objects.equals(name, u.getName()))
                .findFirst()
                .orElseThrow(() -> new UserError("context '" + context.getName() + "' in " + path + " names the user '"
                        + name + "', which the kubeconfig does not define"));
    }

    /** The API server URL of the context. */
    public String server(NamedContext context) {
        Cluster cluster = cluster(context).getCluster();
        String server = cluster == null ? null : cluster.getServer();
        if (server == null || server.isEmpty()) {
            throw new UserError("the cluster of context '" + context.getName() + "' in " + path + " has no server URL");
        }
        return server;
    }

    /**
     * A kubeconfig holding only {@code context}, renamed {@code name}, with every file it refers to
     * (CA bundle, client certificate and key, token file) read into the kubeconfig itself.
     *
     * @throws UserError when the user authenticates with an exec or auth-provider plugin, which only
     *     works on the machine that has the plugin
     */
    public String flatten(NamedContext context, String name) {
        Cluster cluster = copy(cluster(context).getCluster(), Cluster.class);
        AuthInfo user = copy(user(context).getUser(), AuthInfo.class);
        if (user.getExec() != null || user.getAuthProvider() != null) {
            String plugin = user.getExec() != null
                    ? "the exec plugin '" + user.getExec().getCommand() + "'"
                    : "the auth provider '" + user.getAuthProvider().getName() + "'";
            throw new UserError("context '" + context.getName() + "' authenticates with " + plugin
                    + ", which the control plane cannot run; use a kubeconfig with a token or a client certificate"
                    + " (for example of a ServiceAccount for Meridian)");
        }
        if (cluster.getCertificateAuthority() != null) {
            cluster.setCertificateAuthorityData(base64(cluster.getCertificateAuthority()));
            cluster.setCertificateAuthority(null);
        }
        if (user.getClientCertificate() != null) {
            user.setClientCertificateData(base64(user.getClientCertificate()));
            user.setClientCertificate(null);
        }
        if (user.getClientKey() != null) {
            user.setClientKeyData(base64(user.getClientKey()));
            user.setClientKey(null);
        }
        if (user.getTokenFile() != null) {
            user.setToken(read(user.getTokenFile()).trim());
            user.setTokenFile(null);
        }
        io.fabric8.kubernetes.api.model.Context ctx =
                copy(context.getContext(), io.fabric8.kubernetes.api.model.Context.class);
        ctx.setCluster(name);
        ctx.setUser(name);
        Config flat = new Config();
        flat.setApiVersion("v1");
        flat.setKind("Config");
        flat.setClusters(List.of(new NamedCluster(cluster, name)));
        flat.setUsers(List.of(new NamedAuthInfo(name, user)));
        flat.setContexts(List.of(new NamedContext(ctx, name)));
        flat.setCurrentContext(name);
        return SERIALIZATION.asYaml(flat);
    }

    private String base64(String file) {
        return Base64.getEncoder().encodeToString(bytes(file));
    }

    private String read(String file) {
        return new String(bytes(file), java.nio.charset.StandardCharsets.UTF_8);
    }

    private byte[] bytes(String file) {
        Path p = Path.of(file);
        if (!p.isAbsolute() && path.toAbsolutePath().getParent() != null) {
            p = path.toAbsolutePath().getParent().resolve(p);
        }
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UserError("cannot read " + p + ", which kubeconfig " + path + " refers to: " + e.getMessage());
        }
    }

    private String describeContexts() {
        List<String> names = contextNames();
        return names.isEmpty() ? "it has none" : "it has: " + String.join(", ", names);
    }

    private static <T> T copy(T value, Class<T> type) {
        if (value == null) {
            try {
                return type.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return SERIALIZATION.clone(value);
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : new ArrayList<>(items);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
