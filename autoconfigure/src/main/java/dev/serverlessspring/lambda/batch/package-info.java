/**
 * Record-by-record processing of batch events, with partial batch failures reported to
 * Lambda.
 */
@NullMarked
package dev.serverlessspring.lambda.batch;

import org.jspecify.annotations.NullMarked;
