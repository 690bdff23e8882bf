/**
 * Goals that build a custom Java runtime for Lambda: the linked JDK, its bootstrap and
 * the training run.
 */
@NullMarked
package dev.serverlessspring.maven.runtime;

import org.jspecify.annotations.NullMarked;
