/** Level-triggered control loops: informers feed keys to a work queue, reconcilers converge. */
package io.meridian.reconciler;
