/**
 * The serverless-spring Maven plugin: the {@code prepare-lib} goal and what it stores.
 */
@NullMarked
package dev.serverlessspring.maven;

import org.jspecify.annotations.NullMarked;
