/**
 * Per-kind knowledge in one place: how many replicas an object asks for and how to change them,
 * which fields its member cluster owns, whether it is healthy, what of its status to report and how
 * to sum it over clusters, and what it needs beside it. Controllers hold an {@link
 * io.meridian.membersync.interpreter.InterpreterRegistry} and never switch on kind.
 */
package io.meridian.membersync.interpreter;
