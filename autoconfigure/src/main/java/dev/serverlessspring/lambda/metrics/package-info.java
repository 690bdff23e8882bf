/**
 * Invocation metrics written in CloudWatch's embedded metric format.
 */
@NullMarked
package dev.serverlessspring.lambda.metrics;

import org.jspecify.annotations.NullMarked;
