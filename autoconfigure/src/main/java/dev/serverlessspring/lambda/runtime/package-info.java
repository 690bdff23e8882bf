/**
 * A client and loop of the Lambda Runtime API: next invocation, response, error and
 * response streaming.
 */
@NullMarked
package dev.serverlessspring.lambda.runtime;

import org.jspecify.annotations.NullMarked;
