/**
 * The local Lambda Invoke API, for the AWS SDK and CLI.
 */
@NullMarked
package dev.serverlessspring.test.invoke;

import org.jspecify.annotations.NullMarked;
