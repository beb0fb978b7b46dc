package io.meridian.api.model.work;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import io.meridian.api.model.meta.Condition;
import io.meridian.api.model.meta.SchemaMerge;
import io.meridian.api.model.meta.SchemaPatches;
import java.util.List;

/** What member-sync observed after applying a Work. */
@ApiType
@SchemaCustomizer(value = SchemaMerge.class, input = SchemaPatches.CONDITIONS_LIST_MAP)
public record WorkStatus(
        @JsonPropertyDescription("Applied: every manifest was applied. Available: every applied object exists and"
                + " is healthy. Progressing, Degraded.")
        List<Condition> conditions,

        @JsonPropertyDescription("The state of each manifest.")
        List<ManifestStatus> manifestStatuses) {

    public WorkStatus {
        conditions = ApiValues.list(conditions);
        manifestStatuses = ApiValues.list(manifestStatuses);
    }

    /** The same status with other conditions. */
    public WorkStatus withConditions(List<Condition> newConditions) {
        return new WorkStatus(newConditions, manifestStatuses);
    }

    /** The same status with other manifest entries. */
    public WorkStatus withManifestStatuses(List<ManifestStatus> entries) {
        return new WorkStatus(conditions, entries);
    }
}
