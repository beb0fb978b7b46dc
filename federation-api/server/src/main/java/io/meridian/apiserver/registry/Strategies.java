package io.meridian.apiserver.registry;

import io.meridian.apiserver.resource.ResourceType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Kind strategies by group and kind; kinds without one follow the generic rules. */
public final class Strategies {

    private static final KindStrategy GENERIC = new KindStrategy() {};

    private final Map<String, KindStrategy> byGroupKind = new ConcurrentHashMap<>();

    public Strategies register(String group, String kind, KindStrategy strategy) {
        byGroupKind.put(group + "/" + kind, strategy);
        return this;
    }

    public KindStrategy forType(ResourceType type) {
        return byGroupKind.getOrDefault(type.group() + "/" + type.kind(), GENERIC);
    }
}
