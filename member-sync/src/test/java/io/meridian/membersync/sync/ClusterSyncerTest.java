package io.meridian.membersync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.api.model.work.Work;
import io.meridian.api.model.work.WorkStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSyncerTest {

    private static Work work(String resourceVersion, long generation) {
        Work w = Manifests.work("meridian-cluster-x", "w", Manifests.configMap("default", "c", "v"));
        w.getMetadata().setResourceVersion(resourceVersion);
        w.getMetadata().setGeneration(generation);
        return w;
    }

    @Test
    void theSyncersOwnStatusWritesDoNotCallForAReconcile() {
        Work before = work("10", 2);
        Work after = work("11", 2);
        after.setStatus(new WorkStatus(List.of(), List.of()));
        assertThat(ClusterSyncer.specOrLifecycleChanged(before, after)).isFalse();
    }

    @Test
    void specChangesDeletionFinalizersAndResyncsDo() {
        assertThat(ClusterSyncer.specOrLifecycleChanged(work("10", 2), work("11", 3)))
                .isTrue();
        Work deleting = work("11", 2);
        deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        assertThat(ClusterSyncer.specOrLifecycleChanged(work("10", 2), deleting))
                .isTrue();
        Work released = work("11", 2);
        released.getMetadata().setFinalizers(List.of());
        assertThat(ClusterSyncer.specOrLifecycleChanged(work("10", 2), released))
                .isTrue();
        assertThat(ClusterSyncer.specOrLifecycleChanged(work("10", 2), work("10", 2)))
                .isTrue();
    }
}
