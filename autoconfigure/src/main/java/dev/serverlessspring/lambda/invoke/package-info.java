/**
 * Dispatch of an invocation to the function it names, with payload conversion and
 * listeners.
 */
@NullMarked
package dev.serverlessspring.lambda.invoke;

import org.jspecify.annotations.NullMarked;
