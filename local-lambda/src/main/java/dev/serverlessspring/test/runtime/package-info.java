/**
 * The local Lambda Runtime API server that functions poll for invocations.
 */
@NullMarked
package dev.serverlessspring.test.runtime;

import org.jspecify.annotations.NullMarked;
