/**
 * JUnit Jupiter support: a local Lambda started for a test class.
 */
@NullMarked
package dev.serverlessspring.test.junit;

import org.jspecify.annotations.NullMarked;
