package dev.serverlessspring.lambda.invoke;

/**
 * The function a Lambda handler should serve cannot be determined: the definition names
 * no function, or there are several and none is chosen. Raised during initialisation, so
 * Lambda reports it as an init error.
 */
public class FunctionResolutionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public FunctionResolutionException(String message) {
		super(message);
	}

}
