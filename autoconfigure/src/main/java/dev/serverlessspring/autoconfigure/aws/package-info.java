/**
 * Auto-configuration of Lambda defaults for the AWS SDK v2 clients an application builds.
 */
@NullMarked
package dev.serverlessspring.autoconfigure.aws;

import org.jspecify.annotations.NullMarked;
