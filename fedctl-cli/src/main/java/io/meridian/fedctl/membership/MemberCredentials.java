package io.meridian.fedctl.membership;

import io.meridian.api.model.names.Namespaces;

/** Where {@code fedctl join} keeps a member's credentials, as the federation contract names them. */
final class MemberCredentials {

    private MemberCredentials() {}

    /** The credentials Secret of {@code cluster}: {@code <cluster>-credentials} in {@link Namespaces#SYSTEM}. */
    static String secretName(String cluster) {
        return cluster + "-credentials";
    }

    /** The field manager of fedctl's writes. */
    static final String FIELD_MANAGER = "fedctl";
}
