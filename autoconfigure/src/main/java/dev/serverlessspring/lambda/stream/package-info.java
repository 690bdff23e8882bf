/**
 * Streamed responses: bodies and elements a function writes as they come.
 */
@NullMarked
package dev.serverlessspring.lambda.stream;

import org.jspecify.annotations.NullMarked;
