package io.meridian.api.model.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.meridian.api.model.meta.ApiType;
import io.meridian.api.model.meta.ApiValues;
import java.util.List;

/** The resources a member cluster serves in one group version. */
@ApiType
public record ApiEnablement(
        @JsonPropertyDescription("The group version, such as apps/v1, or v1 for the core group.") @Required
        String groupVersion,

        @JsonPropertyDescription("The resources served in that group version.")
        List<ApiResource> resources) {

    public ApiEnablement {
        resources = ApiValues.list(resources);
    }
}
