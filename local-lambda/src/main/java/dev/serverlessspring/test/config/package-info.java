/**
 * The model of a {@code serverless.yml}: functions, their events and settings, with
 * variables resolved.
 */
@NullMarked
package dev.serverlessspring.test.config;

import org.jspecify.annotations.NullMarked;
