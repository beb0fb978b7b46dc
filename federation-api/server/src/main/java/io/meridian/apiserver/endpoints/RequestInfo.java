package io.meridian.apiserver.endpoints;

import java.util.ArrayList;
import java.util.List;

/**
 * A resource request URL taken apart the way kube-apiserver's RequestInfoFactory does.
 *
 * @param discovery true for {@code /api}, {@code /apis}, {@code /apis/<group>} and group-version documents
 * @param group API group, empty for the core group, null for {@code /api} and {@code /apis}
 * @param version API version, or null
 * @param namespace namespace from the URL, or null
 * @param resource resource (plural), or null
 * @param name object name, or null
 * @param subresource {@code status}, {@code scale}, {@code finalize}..., or null
 * @param legacyWatch the URL had the {@code /watch/} segment
 */
public record RequestInfo(
        boolean discovery,
        boolean core,
        String group,
        String version,
        String namespace,
        String resource,
        String name,
        String subresource,
        boolean legacyWatch) {

    /** Parses a path under {@code /api} or {@code /apis}; null when it is not one. */
    public static RequestInfo parse(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        boolean core;
        String group;
        int i;
        if (parts.get(0).equals("api")) {
            core = true;
            group = "";
            if (parts.size() == 1) {
                return new RequestInfo(true, true, null, null, null, null, null, null, false);
            }
            i = 1;
        } else if (parts.get(0).equals("apis")) {
            core = false;
            if (parts.size() == 1) {
                return new RequestInfo(true, false, null, null, null, null, null, null, false);
            }
            group = parts.get(1);
            if (parts.size() == 2) {
                return new RequestInfo(true, false, group, null, null, null, null, null, false);
            }
            i = 2;
        } else {
            return null;
        }
        String version = parts.get(i++);
        List<String> rest = parts.subList(i, parts.size());
        if (rest.isEmpty()) {
            return new RequestInfo(true, core, group, version, null, null, null, null, false);
        }
        boolean watch = false;
        if (rest.get(0).equals("watch")) {
            watch = true;
            rest = rest.subList(1, rest.size());
            if (rest.isEmpty()) {
                return null;
            }
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() >= 3 && !isNamespaceSubresource(core, rest)) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        String sub = rest.size() > 2 ? String.join("/", rest.subList(2, rest.size())) : null;
        return new RequestInfo(false, core, group, version, namespace, resource, name, sub, watch);
    }

    private static boolean isNamespaceSubresource(boolean core, List<String> rest) {
        return core
                && rest.size() == 3
                && (rest.get(2).equals("status") || rest.get(2).equals("finalize"));
    }
}
