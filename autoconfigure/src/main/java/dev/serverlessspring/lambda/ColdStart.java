package dev.serverlessspring.lambda;

import java.util.concurrent.atomic.AtomicReference;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.snapstart.SnapStartPriming;

/**
 * Tells whether an invocation is the cold start of its execution environment: the first
 * one the environment serves after its init phase. With provisioned concurrency the init
 * phase ran before any caller waited, so no invocation counts as cold there.
 * <p>
 * Asking again for the same invocation gives the same answer, so the logging context and
 * the metrics agree.
 */
public class ColdStart {

	static final String INITIALIZATION_TYPE_VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";

	private final AtomicReference<String> firstRequestId = new AtomicReference<>();

	private final boolean provisioned;

	public ColdStart() {
		this("provisioned-concurrency".equals(System.getenv(INITIALIZATION_TYPE_VARIABLE)));
	}

	ColdStart(boolean provisioned) {
		this.provisioned = provisioned;
	}

	/**
	 * Whether the invocation with the given context is the cold start.
	 * @param context the invocation's context
	 * @return {@code true} for the environment's first invocation
	 */
	public boolean isColdStart(Context context) {
		// SnapStart's priming invocation runs before the snapshot: the first real one is
		// still cold.
		if (SnapStartPriming.isPrimingInvocation(context)) {
			return false;
		}
		String requestId = String.valueOf(context.getAwsRequestId());
		this.firstRequestId.compareAndSet(null, requestId);
		return !this.provisioned && requestId.equals(this.firstRequestId.get());
	}

}
