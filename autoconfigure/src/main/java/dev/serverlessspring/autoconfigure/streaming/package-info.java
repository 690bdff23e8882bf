/**
 * Settings of response streaming.
 */
@NullMarked
package dev.serverlessspring.autoconfigure.streaming;

import org.jspecify.annotations.NullMarked;
