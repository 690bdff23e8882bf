/**
 * Log formats of Lambda (text and JSON), the invocation's MDC and event logging with
 * masked fields.
 */
@NullMarked
package dev.serverlessspring.lambda.logging;

import org.jspecify.annotations.NullMarked;
