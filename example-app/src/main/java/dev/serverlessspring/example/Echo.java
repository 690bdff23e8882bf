package dev.serverlessspring.example;

/**
 * What {@link SmokeTestFunctions#echo()} received.
 *
 * @param requestId the invocation's request id, from the message headers
 * @param contextRequestId the request id of the Lambda context bound to the calling thread
 * @param payload the event, as text
 */
public record Echo(String requestId, String contextRequestId, String payload) {
}
