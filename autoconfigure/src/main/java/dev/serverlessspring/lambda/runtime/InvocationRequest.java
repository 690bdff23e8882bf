package dev.serverlessspring.lambda.runtime;

import org.jspecify.annotations.Nullable;

/**
 * One event from the Runtime API's {@code GET /runtime/invocation/next}: the payload and
 * the {@code Lambda-Runtime-*} headers that describe it.
 *
 * @param requestId {@code Lambda-Runtime-Aws-Request-Id}
 * @param deadlineMillis {@code Lambda-Runtime-Deadline-Ms}: when the invocation times
 * out, in epoch milliseconds
 * @param invokedFunctionArn {@code Lambda-Runtime-Invoked-Function-Arn}
 * @param traceId {@code Lambda-Runtime-Trace-Id}
 * @param clientContext {@code Lambda-Runtime-Client-Context} (JSON)
 * @param cognitoIdentity {@code Lambda-Runtime-Cognito-Identity} (JSON)
 * @param tenantId {@code Lambda-Runtime-Aws-Tenant-Id}
 * @param payload the event
 */
public record InvocationRequest(String requestId, long deadlineMillis, @Nullable String invokedFunctionArn,
		@Nullable String traceId, @Nullable String clientContext, @Nullable String cognitoIdentity,
		@Nullable String tenantId, byte[] payload) {
}
