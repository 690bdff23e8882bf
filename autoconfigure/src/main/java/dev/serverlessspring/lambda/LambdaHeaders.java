package dev.serverlessspring.lambda;

/**
 * Names of the {@code Message} headers through which a function sees its invocation.
 */
public final class LambdaHeaders {

	/**
	 * The Lambda {@code com.amazonaws.services.lambda.runtime.Context}; the same name
	 * Spring Cloud Function's AWS adapter uses, so migrated functions keep working.
	 */
	public static final String CONTEXT = "aws-context";

	/** The AWS request id of the invocation, a {@code String}. */
	public static final String REQUEST_ID = "aws-request-id";

	/** The ARN the function was invoked with, a {@code String}. */
	public static final String INVOKED_FUNCTION_ARN = "aws-invoked-function-arn";

	/**
	 * The X-Ray trace header of the invocation ({@code Root=...;Parent=...;Sampled=...}),
	 * a {@code String}; absent when Lambda sent none. See {@link XRayTraceHeader}.
	 */
	public static final String TRACE_HEADER = "aws-xray-trace-header";

	private LambdaHeaders() {
	}

}
