/**
 * Meridian's conventions in one place: namespaces, labels, annotations, finalizers, taint keys,
 * field managers, condition types and reasons, and the names of derived objects. Components never
 * spell these strings themselves.
 */
package io.meridian.api.model.names;
