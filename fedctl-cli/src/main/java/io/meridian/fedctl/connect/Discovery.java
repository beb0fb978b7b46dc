package io.meridian.fedctl.connect;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds the federation API serves, read from its discovery documents once per command and
 * looked up as kubectl does: by kind, plural, singular or short name, optionally qualified by group
 * ({@code deployments.apps}).
 */
public final class Discovery {

    private final KubernetesClient client;
    private final Map<String, List<ApiKind>> byGroupVersion = new HashMap<>();
    private List<ApiKind> all;

    public Discovery(KubernetesClient client) {
        this.client = client;
    }

    /** The kind {@code kind} of {@code apiVersion}, if the API serves it. */
    public Optional<ApiKind> find(String apiVersion, String kind) {
        return kinds(apiVersion).stream().filter(k -> k.kind().equals(kind)).findFirst();
    }

    /**
     * The kind a person means by {@code text}: {@code deploy}, {@code deployment}, {@code
     * deployments}, {@code Deployment} or {@code deployments.apps}. The core group wins a tie, as in
     * kubectl ({@code events} are core Events).
     */
    public Optional<ApiKind> lookup(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        String name = wanted;
        String group = null;
        int dot = wanted.indexOf('.');
        if (dot > 0) {
            name = wanted.substring(0, dot);
            group = wanted.substring(dot + 1);
        }
        for (ApiKind k : all()) {
            if (group != null && !group.equals(k.group())) {
                continue;
            }
            if (name.equals(k.plural())
                    || name.equals(k.singular())
                    || name.equals(k.lowerKind())
                    || k.shortNames().contains(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Every kind served, the core group first, each group at its preferred version. */
    public List<ApiKind> all() {
        if (all == null) {
            List<ApiKind> kinds = new ArrayList<>(kinds("v1"));
            APIGroupList groups = client.getApiGroups();
            if (groups != null && groups.getGroups() != null) {
                for (APIGroup g : groups.getGroups()) {
                    String preferred = g.getPreferredVersion() != null
                            ? g.getPreferredVersion().getGroupVersion()
                            : g.getVersions().isEmpty()
                                    ? null
                                    : g.getVersions().getFirst().getGroupVersion();
                    if (preferred != null) {
                        kinds.addAll(kinds(preferred));
                    }
                }
            }
            all = List.copyOf(kinds);
        }
        return all;
    }

    private List<ApiKind> kinds(String groupVersion) {
        return byGroupVersion.computeIfAbsent(groupVersion, this::fetch);
    }

    private List<ApiKind> fetch(String groupVersion) {
        APIResourceList list;
        try {
            list = client.getApiResources(groupVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
        if (list == null || list.getResources() == null) {
            return List.of();
        }
        int slash = groupVersion.indexOf('/');
        String group = slash < 0 ? "" : groupVersion.substring(0, slash);
        String version = slash < 0 ? groupVersion : groupVersion.substring(slash + 1);
        List<ApiKind> kinds = new ArrayList<>();
        for (APIResource r : list.getResources()) {
            if (r.getName() == null || r.getName().contains("/")) {
                continue;
            }
            String singular = r.getSingularName() == null || r.getSingularName().isEmpty()
                    ? r.getKind().toLowerCase(Locale.ROOT)
                    : r.getSingularName();
            kinds.add(new ApiKind(
                    group,
                    version,
                    r.getKind(),
                    r.getName(),
                    singular,
                    Boolean.TRUE.equals(r.getNamespaced()),
                    r.getShortNames()));
        }
        return kinds;
    }
}
