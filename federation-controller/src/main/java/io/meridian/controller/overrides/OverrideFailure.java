package io.meridian.controller.overrides;

/**
 * A rule that could not be applied.
 *
 * @param rule the rule
 * @param overrider the overrider that failed, such as {@code plaintext[1]} or {@code
 *     imageOverrider[0]}
 * @param message what went wrong, such as {@code the path /spec/foo does not exist}
 */
public record OverrideFailure(RuleRef rule, String overrider, String message) {

    /** Such as {@code OverridePolicy shop/mirror rule 0, plaintext[1]: the path /spec/foo does not exist}. */
    public String describe() {
        return rule.describe() + ", " + overrider + ": " + message;
    }
}
