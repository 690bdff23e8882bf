/**
 * Auto-configuration of invocation metrics written in CloudWatch's embedded metric
 * format.
 */
@NullMarked
package dev.serverlessspring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
