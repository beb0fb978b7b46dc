package io.meridian.membersync.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.work.AggregatedStatusItem;
import java.util.List;
import java.util.Objects;

/** One cluster's status snapshot as the aggregators read it; {@code status} is null when there is none. */
record MemberStatus(String cluster, ObjectNode status) {

    static List<MemberStatus> of(List<AggregatedStatusItem> items) {
        if (items == null) {
            return List.of();
        }
        return items.stream()
                .filter(Objects::nonNull)
                .map(item -> new MemberStatus(
                        item.clusterName(),
                        item.status() == null || item.status().isEmpty() ? null : item.status()))
                .toList();
    }

    boolean reported() {
        return status != null;
    }

    /** The snapshot, or a missing node to read absent fields from. */
    JsonNode view() {
        return status == null ? Trees.NODES.missingNode() : status;
    }
}
