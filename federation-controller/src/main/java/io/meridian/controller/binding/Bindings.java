package io.meridian.controller.binding;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.api.model.names.ResourceNames;
import io.meridian.api.model.work.ClusterResourceBinding;
import io.meridian.api.model.work.ResourceBinding;
import io.meridian.api.model.work.ResourceBindingSpec;
import io.meridian.api.model.work.ResourceBindingStatus;
import io.meridian.api.model.work.Work;
import io.meridian.controller.federated.ResourceKey;
import io.meridian.reconciler.ObjectKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * ResourceBindings and ClusterResourceBindings, read from their informers and written through the
 * federation API, and the Works rendered from each, found by the binding labels every Work carries.
 *
 * <p>A binding key is an {@link ObjectKey}: with a namespace it names a ResourceBinding, without one
 * a ClusterResourceBinding, so one work queue serves both.
 */
public final class Bindings {

    /** The Work informer's index by binding: {@code namespace/name}, or {@code /name} for a ClusterResourceBinding. */
    public static final String WORKS_BY_BINDING = "meridian.io/binding";

    private final KubernetesClient client;
    private final Store<ResourceBinding> namespaced;
    private final Store<ClusterResourceBinding> clusterScoped;
    private final SharedIndexInformer<Work> works;

    public Bindings(
            KubernetesClient client,
            Store<ResourceBinding> namespaced,
            Store<ClusterResourceBinding> clusterScoped,
            SharedIndexInformer<Work> works) {
        this.client = client;
        this.namespaced = namespaced;
        this.clusterScoped = clusterScoped;
        this.works = works;
    }

    /** The indexers to give the Work informer before it starts. */
    public static Map<String, Function<Work, List<String>>> workIndexers() {
        return Map.of(
                WORKS_BY_BINDING,
                work -> bindingOf(work).map(Bindings::indexValue).stream().toList());
    }

    /** The key of the binding of {@code resource}: {@code <name>-<kind>} in its namespace. */
    public static ObjectKey keyFor(ResourceKey resource) {
        return new ObjectKey(
                resource.namespace(), ResourceNames.bindingName(resource.kind().kind(), resource.name()));
    }

    /** The key of {@code binding}. */
    public static ObjectKey keyOf(HasMetadata binding) {
        return ObjectKey.of(binding);
    }

    /** The binding {@code work} was rendered from, by its labels. */
    public static Optional<ObjectKey> bindingOf(Work work) {
        Map<String, String> labels = work.getMetadata().getLabels();
        if (labels == null || labels.get(MeridianLabels.BINDING_NAME) == null) {
            return Optional.empty();
        }
        return Optional.of(
                new ObjectKey(labels.get(MeridianLabels.BINDING_NAMESPACE), labels.get(MeridianLabels.BINDING_NAME)));
    }

    /** The labels of the Work for {@code cluster} rendered from {@code binding}. */
    public static Map<String, String> workLabels(ObjectKey binding, String cluster) {
        Map<String, String> labels = new HashMap<>();
        labels.put(MeridianLabels.BINDING_NAME, binding.name());
        if (binding.namespace() != null) {
            labels.put(MeridianLabels.BINDING_NAMESPACE, binding.namespace());
        }
        labels.put(MeridianLabels.CLUSTER, cluster);
        return labels;
    }

    private static String indexValue(ObjectKey key) {
        return (key.namespace() == null ? "" : key.namespace()) + "/" + key.name();
    }

    /** A new binding object for {@code key}: a ResourceBinding, or a ClusterResourceBinding without a namespace. */
    public static CustomResource<ResourceBindingSpec, ResourceBindingStatus> newBinding(
            ObjectKey key, ResourceBindingSpec spec) {
        return key.namespace() == null
                ? new ClusterResourceBinding(key.name(), spec)
                : new ResourceBinding(key.namespace(), key.name(), spec);
    }

    /** The cached binding of {@code key}. */
    public Optional<CustomResource<ResourceBindingSpec, ResourceBindingStatus>> get(ObjectKey key) {
        if (key.namespace() == null) {
            return Optional.ofNullable(clusterScoped.getByKey(key.name()));
        }
        return Optional.ofNullable(namespaced.getByKey(Cache.namespaceKeyFunc(key.namespace(), key.name())));
    }

    /** Every cached binding, namespaced ones first. */
    public List<CustomResource<ResourceBindingSpec, ResourceBindingStatus>> list() {
        List<CustomResource<ResourceBindingSpec, ResourceBindingStatus>> all = new ArrayList<>(namespaced.list());
        all.addAll(clusterScoped.list());
        return all;
    }

    /** The keys of every cached binding in {@code namespace}, or of every binding when it is null. */
    public List<ObjectKey> keys(String namespace) {
        return list().stream()
                .filter(b ->
                        namespace == null || namespace.equals(b.getMetadata().getNamespace()))
                .map(Bindings::keyOf)
                .toList();
    }

    /** The cached Works rendered from the binding {@code key}, deleting ones included. */
    public List<Work> works(ObjectKey key) {
        return works.getIndexer().byIndex(WORKS_BY_BINDING, indexValue(key));
    }

    /** A deep copy of a cached object, to change and write without touching the cache. */
    public <T> T copy(T cached) {
        return client.getKubernetesSerialization().clone(cached);
    }

    /** Deletes the binding {@code key}; a binding already gone is fine. */
    public void delete(ObjectKey key) {
        try {
            if (key.namespace() == null) {
                client.resources(ClusterResourceBinding.class)
                        .withName(key.name())
                        .delete();
            } else {
                client.resources(ResourceBinding.class)
                        .inNamespace(key.namespace())
                        .withName(key.name())
                        .delete();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
