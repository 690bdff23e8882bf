/**
 * Goals that run the application on the local Lambda: {@code run} and {@code invoke}.
 */
@NullMarked
package dev.serverlessspring.maven.dev;

import org.jspecify.annotations.NullMarked;
