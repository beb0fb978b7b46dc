/** The local federation and its test extensions. */
package io.meridian.sandbox;
