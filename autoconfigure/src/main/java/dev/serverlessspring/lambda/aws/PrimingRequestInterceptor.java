package dev.serverlessspring.lambda.aws;

import dev.serverlessspring.lambda.snapstart.RequestNotSentException;
import dev.serverlessspring.lambda.snapstart.SnapStartPriming;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Lets SnapStart's priming invocations warm the AWS SDK clients they use without calling
 * AWS: while {@link SnapStartPriming} primes the function, each request goes through the
 * client as usual (marshalling, endpoint resolution, credentials, signing, the HTTP
 * client's set-up) and stops just before it would be sent, with a
 * {@link RequestNotSentException}. Every client the application builds picks it up, as a
 * global interceptor of the SDK
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}); outside
 * priming it does nothing.
 */
public final class PrimingRequestInterceptor implements ExecutionInterceptor {

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		if (SnapStartPriming.isPriming()) {
			throw new RequestNotSentException(context.httpRequest().method() + " " + context.httpRequest().getUri());
		}
	}

}
