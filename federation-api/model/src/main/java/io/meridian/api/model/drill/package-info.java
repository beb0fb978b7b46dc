/** FailoverDrill: planned failures with measured recovery and a verdict. */
package io.meridian.api.model.drill;
