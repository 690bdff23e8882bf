/**
 * HTTP events of API Gateway, ALB and function URLs as requests and responses of a
 * function.
 */
@NullMarked
package dev.serverlessspring.lambda.http;

import org.jspecify.annotations.NullMarked;
