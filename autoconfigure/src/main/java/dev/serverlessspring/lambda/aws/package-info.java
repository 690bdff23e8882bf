/**
 * Lambda-aware pieces of the AWS SDK v2: credentials from the function's environment and
 * priming requests.
 */
@NullMarked
package dev.serverlessspring.lambda.aws;

import org.jspecify.annotations.NullMarked;
