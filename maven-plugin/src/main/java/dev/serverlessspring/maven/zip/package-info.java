/**
 * The zip writer of deployment packages, with Unix modes and UTC timestamps.
 */
@NullMarked
package dev.serverlessspring.maven.zip;

import org.jspecify.annotations.NullMarked;
