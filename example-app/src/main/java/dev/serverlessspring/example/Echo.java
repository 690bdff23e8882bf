package dev.serverlessspring.example;

/**
 * What {@link SmokeTestFunctions#echo()} received.
 *
 * @param requestId the invocation's request id, from the message headers
 * @param contextRequestId the request id of the Lambda context bound to the calling
 * thread
 * @param logRequestId the request id in the logging MDC of the calling thread, which
 * every log line of the invocation carries
 * @param payload the event, as text
 */
public record Echo(String requestId, String contextRequestId, String logRequestId, String payload) {
}
