package io.meridian.fedctl.output;

/** What a piece of output means, which a terminal shows in colour. */
public enum Style {
    PLAIN,
    /** Ready, healthy, done. */
    GOOD,
    /** Failed, not ready. */
    BAD,
    /** Waiting, unknown, cordoned. */
    WARN,
    /** Headers. */
    HEADER,
    /** Secondary detail. */
    DIM
}
