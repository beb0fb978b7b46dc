/** The meridian.io API types. */
package io.meridian.api.model;
