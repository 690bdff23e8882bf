/**
 * The Lambda handler of Spring functions and what it knows of an invocation: cold start,
 * context, headers.
 */
@NullMarked
package dev.serverlessspring.lambda;

import org.jspecify.annotations.NullMarked;
