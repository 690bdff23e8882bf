/**
 * Auto-configuration of HTTP events: API Gateway, ALB and function URL requests and
 * responses.
 */
@NullMarked
package dev.serverlessspring.autoconfigure.http;

import org.jspecify.annotations.NullMarked;
