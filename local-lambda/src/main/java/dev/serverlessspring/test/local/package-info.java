/**
 * A local Lambda and its functions, run in the test's JVM or in a process of their own.
 */
@NullMarked
package dev.serverlessspring.test.local;

import org.jspecify.annotations.NullMarked;
