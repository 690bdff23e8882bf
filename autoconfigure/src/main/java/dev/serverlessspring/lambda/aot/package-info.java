/**
 * Ahead-of-time processing and runtime hints for native images and the AOT cache.
 */
@NullMarked
package dev.serverlessspring.lambda.aot;

import org.jspecify.annotations.NullMarked;
