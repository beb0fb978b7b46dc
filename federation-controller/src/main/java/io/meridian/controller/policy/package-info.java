/**
 * Propagation policies as the controller judges them: what makes a policy invalid beyond what the
 * API's schema refuses.
 */
package io.meridian.controller.policy;
