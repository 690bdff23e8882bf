/**
 * Reloading of a function's classes when they change on disk.
 */
@NullMarked
package dev.serverlessspring.test.reload;

import org.jspecify.annotations.NullMarked;
