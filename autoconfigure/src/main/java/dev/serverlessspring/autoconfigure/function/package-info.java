/**
 * Auto-configuration of the Lambda handler and the Runtime API loop around the
 * application's functions.
 */
@NullMarked
package dev.serverlessspring.autoconfigure.function;

import org.jspecify.annotations.NullMarked;
