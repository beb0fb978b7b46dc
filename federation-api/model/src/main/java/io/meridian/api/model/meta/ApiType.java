package io.meridian.api.model.meta;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The serialization rules shared by every spec and status type of the meridian.io API.
 *
 * <p>Empty values are left out, as Go's {@code omitempty} does, so an object read from the API and
 * written back carries no fields its author did not set. Unknown fields are ignored on reading, so
 * a component built against an older model keeps working against a newer API server.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@JacksonAnnotationsInside
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public @interface ApiType {}
