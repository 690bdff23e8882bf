package dev.serverlessspring.lambda;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * Gives code running inside a function the Lambda {@link Context} of the current
 * invocation.
 * <p>
 * The context is bound to the invoking thread for the duration of one invocation, so this
 * stays correct when several invocations run at once (Lambda Managed Instances).
 * Functions that take a {@code Message} find the same context under the
 * {@link LambdaHeaders#CONTEXT} header.
 */
public final class LambdaContextHolder {

	private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

	private LambdaContextHolder() {
	}

	/**
	 * Return the context of the invocation running on this thread.
	 * @return the context, or {@code null} outside an invocation
	 */
	public static Context getContext() {
		return CURRENT.get();
	}

	/**
	 * Return the context of the invocation running on this thread.
	 * @return the context
	 * @throws IllegalStateException outside an invocation
	 */
	public static Context requireContext() {
		Context context = CURRENT.get();
		if (context == null) {
			throw new IllegalStateException("No Lambda invocation is running on this thread");
		}
		return context;
	}

	/**
	 * Bind the context of the invocation that starts on this thread. Called by the
	 * runtime side of serverless-spring, not by functions.
	 * @param context the invocation's context
	 */
	public static void setContext(Context context) {
		CURRENT.set(context);
	}

	/**
	 * Unbind the context once the invocation on this thread has ended.
	 */
	public static void resetContext() {
		CURRENT.remove();
	}

}
