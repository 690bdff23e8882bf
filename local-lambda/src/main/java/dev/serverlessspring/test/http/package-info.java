/**
 * The local HTTP front of functions: API Gateway routes and function URLs from
 * {@code serverless.yml}.
 */
@NullMarked
package dev.serverlessspring.test.http;

import org.jspecify.annotations.NullMarked;
