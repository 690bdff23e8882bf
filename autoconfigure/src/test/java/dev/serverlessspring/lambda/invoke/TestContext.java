package dev.serverlessspring.lambda.invoke;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

public record TestContext(String getAwsRequestId) implements Context {

	@Override
	public String getLogGroupName() {
		return "/aws/lambda/test";
	}

	@Override
	public String getLogStreamName() {
		return "stream";
	}

	@Override
	public String getFunctionName() {
		return "test";
	}

	@Override
	public String getFunctionVersion() {
		return "$LATEST";
	}

	@Override
	public String getInvokedFunctionArn() {
		return "arn:aws:lambda:eu-west-1:123456789012:function:test";
	}

	@Override
	public CognitoIdentity getIdentity() {
		return null;
	}

	@Override
	public ClientContext getClientContext() {
		return null;
	}

	@Override
	public int getRemainingTimeInMillis() {
		return 30_000;
	}

	@Override
	public int getMemoryLimitInMB() {
		return 512;
	}

	@Override
	public LambdaLogger getLogger() {
		return null;
	}

}
