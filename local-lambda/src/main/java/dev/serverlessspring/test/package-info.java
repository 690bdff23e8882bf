/**
 * A Docker-free local Lambda for tests and development, and the results of invocations it
 * answers.
 */
@NullMarked
package dev.serverlessspring.test;

import org.jspecify.annotations.NullMarked;
