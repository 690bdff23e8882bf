package dev.serverlessspring.lambda.snapstart;

/**
 * A request to AWS that SnapStart priming stopped before it was sent: the client prepared
 * it (marshalled, signed, its connection set up) so that its classes are in the snapshot,
 * and nothing reached AWS. The priming invocation ends with it, as a function's caller
 * would see a failed call.
 */
public class RequestNotSentException extends RuntimeException {

	/**
	 * Create the exception.
	 * @param request the request, such as {@code POST https://dynamodb...}
	 */
	public RequestNotSentException(String request) {
		super("SnapStart priming: " + request + " was prepared but not sent");
	}

}
