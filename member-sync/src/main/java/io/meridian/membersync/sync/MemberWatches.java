package io.meridian.membersync.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meridian.api.model.names.MeridianLabels;
import io.meridian.membersync.apply.Ownership;
import io.meridian.membersync.apply.ResourceTypes;
import io.meridian.membersync.apply.ResourceTypes.ResourceType;
import io.meridian.membersync.interpreter.GroupKind;
import io.meridian.reconciler.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Informers on the member, one per kind that some Work holds, started the first time the kind is
 * seen and kept for the life of the syncer. They see only objects labelled {@code
 * meridian.io/managed-by=meridian}; every change or deletion is handed to {@code onChange}, which
 * enqueues the Work the object is labelled with. Their caches, indexed by Work, also tell which
 * member objects a Work has put there.
 *
 * <p>Starting does not wait for the member: an informer on a member that is down keeps retrying by
 * itself, and its events arrive once it is back.
 */
final class MemberWatches implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemberWatches.class);
    private static final String BY_WORK = "work";

    /** A managed member object and its resource. */
    record Labelled(ResourceType type, GenericKubernetesResource object) {}

    private record Watch(ResourceType type, SharedIndexInformer<GenericKubernetesResource> informer) {}

    private final String cluster;
    private final KubernetesClient member;
    private final ResourceTypes types;
    private final Consumer<GenericKubernetesResource> onChange;
    private final Map<GroupKind, Watch> watches = new ConcurrentHashMap<>();
    private volatile boolean closed;

    MemberWatches(
            String cluster,
            KubernetesClient member,
            ResourceTypes types,
            Consumer<GenericKubernetesResource> onChange) {
        this.cluster = cluster;
        this.member = member;
        this.types = types;
        this.onChange = onChange;
    }

    /**
     * Makes sure the kind is watched.
     *
     * @throws ResourceTypes.UnknownKindException when the member does not serve the kind
     * @throws io.meridian.membersync.resilience.MemberUnavailableException when the member could not
     *     be asked what the kind's resource is
     */
    void ensure(String apiVersion, String kind) {
        GroupKind groupKind = GroupKind.of(apiVersion, kind);
        if (watches.containsKey(groupKind)) {
            return;
        }
        ResourceType type = types.resolve(apiVersion, kind);
        synchronized (this) {
            if (closed || watches.containsKey(groupKind)) {
                return;
            }
            var all = member.genericKubernetesResources(type.context());
            FilterWatchListDeletable<
                            GenericKubernetesResource,
                            GenericKubernetesResourceList,
                            Resource<GenericKubernetesResource>>
                    scope = type.namespaced() ? all.inAnyNamespace() : all;
            SharedIndexInformer<GenericKubernetesResource> informer = scope.withLabel(
                            MeridianLabels.MANAGED_BY, MeridianLabels.MANAGED_BY_VALUE)
                    .runnableInformer(0);
            informer.addIndexers(
                    Map.of(BY_WORK, o -> Ownership.indexKeyOf(o).map(List::of).orElse(List.of())));
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(GenericKubernetesResource obj) {
                    onChange.accept(obj);
                }

                @Override
                public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                    if (oldObj == null
                            || !Objects.equals(
                                    oldObj.getMetadata().getResourceVersion(),
                                    newObj.getMetadata().getResourceVersion())) {
                        onChange.accept(newObj);
                    }
                }

                @Override
                public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                    onChange.accept(obj);
                }
            });
            // A member that is down is retried for ever; only a body the client cannot read is fatal.
            informer.exceptionHandler((started, t) -> !ExceptionHandler.isDeserializationException(t));
            informer.start();
            watches.put(groupKind, new Watch(type, informer));
            log.debug("Watching {} in member cluster {}", type.plural(), cluster);
        }
    }

    /** The managed objects the caches hold that are labelled with {@code work}. */
    List<Labelled> labelledWith(ObjectKey work) {
        String key = Ownership.indexKey(work);
        List<Labelled> result = new ArrayList<>();
        for (Watch w : watches.values()) {
            for (GenericKubernetesResource o : w.informer().getIndexer().byIndex(BY_WORK, key)) {
                result.add(new Labelled(w.type(), o));
            }
        }
        return result;
    }

    /** How many kinds are watched. */
    int kinds() {
        return watches.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        watches.values().forEach(w -> w.informer().stop());
        watches.clear();
    }
}
