package dev.serverlessspring.lambda.runtime;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link Context} of one invocation, built as the runtime interface client builds it:
 * from the invocation's Runtime API headers and the function's environment variables.
 * Used by the custom runtime's loop and for invocations of our own (SnapStart priming).
 */
public final class RuntimeContext implements Context {

	private final InvocationRequest request;

	private final Map<String, String> environment;

	private final @Nullable LambdaLogger logger;

	/**
	 * Create the context of an invocation.
	 * @param request the invocation
	 * @param environment the function's environment variables
	 * ({@code AWS_LAMBDA_FUNCTION_NAME}, {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, ...)
	 */
	public RuntimeContext(InvocationRequest request, Map<String, String> environment) {
		this(request, environment, null);
	}

	/**
	 * Create the context of an invocation whose function logs somewhere else than the
	 * runtime's standard output, as the local Lambda's in-process functions do.
	 * @param request the invocation
	 * @param environment the function's environment variables
	 * @param logger the logger {@link #getLogger()} returns, or {@code null} for the
	 * runtime's
	 */
	public RuntimeContext(InvocationRequest request, Map<String, String> environment, @Nullable LambdaLogger logger) {
		this.request = request;
		this.environment = environment;
		this.logger = logger;
	}

	@Override
	public String getAwsRequestId() {
		return this.request.requestId();
	}

	@Override
	public @Nullable String getLogGroupName() {
		return this.environment.get("AWS_LAMBDA_LOG_GROUP_NAME");
	}

	@Override
	public @Nullable String getLogStreamName() {
		return this.environment.get("AWS_LAMBDA_LOG_STREAM_NAME");
	}

	@Override
	public @Nullable String getFunctionName() {
		return this.environment.get("AWS_LAMBDA_FUNCTION_NAME");
	}

	@Override
	public @Nullable String getFunctionVersion() {
		return this.environment.get("AWS_LAMBDA_FUNCTION_VERSION");
	}

	@Override
	public @Nullable String getInvokedFunctionArn() {
		return this.request.invokedFunctionArn();
	}

	@Override
	public @Nullable CognitoIdentity getIdentity() {
		JsonNode identity = parse(this.request.cognitoIdentity());
		if (identity == null) {
			return null;
		}
		String identityId = text(identity, "cognitoIdentityId");
		String poolId = text(identity, "cognitoIdentityPoolId");
		return new CognitoIdentity() {

			@Override
			public @Nullable String getIdentityId() {
				return identityId;
			}

			@Override
			public @Nullable String getIdentityPoolId() {
				return poolId;
			}

		};
	}

	@Override
	public @Nullable ClientContext getClientContext() {
		JsonNode context = parse(this.request.clientContext());
		if (context == null) {
			return null;
		}
		JsonNode client = context.path("client");
		Map<String, String> custom = map(context.path("custom"));
		Map<String, String> env = map(context.path("env"));
		Client clientInfo = new Client() {

			@Override
			public @Nullable String getInstallationId() {
				return text(client, "installation_id");
			}

			@Override
			public @Nullable String getAppTitle() {
				return text(client, "app_title");
			}

			@Override
			public @Nullable String getAppVersionName() {
				return text(client, "app_version_name");
			}

			@Override
			public @Nullable String getAppVersionCode() {
				return text(client, "app_version_code");
			}

			@Override
			public @Nullable String getAppPackageName() {
				return text(client, "app_package_name");
			}

		};
		return new ClientContext() {

			@Override
			public Client getClient() {
				return clientInfo;
			}

			@Override
			public Map<String, String> getCustom() {
				return custom;
			}

			@Override
			public Map<String, String> getEnvironment() {
				return env;
			}

		};
	}

	@Override
	public int getRemainingTimeInMillis() {
		long remaining = this.request.deadlineMillis() - System.currentTimeMillis();
		return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
	}

	@Override
	public int getMemoryLimitInMB() {
		String memory = this.environment.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
		return (memory != null) ? Integer.parseInt(memory) : 128;
	}

	@Override
	public LambdaLogger getLogger() {
		return (this.logger != null) ? this.logger : LambdaRuntime.getLogger();
	}

	@Override
	public @Nullable String getTenantId() {
		return this.request.tenantId();
	}

	@Override
	public @Nullable String getXrayTraceId() {
		return this.request.traceId();
	}

	private static @Nullable JsonNode parse(@Nullable String json) {
		return (json == null || json.isBlank()) ? null : JsonMapper.shared().readTree(json);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

	private static Map<String, String> map(JsonNode node) {
		return node.isObject() ? JsonMapper.shared()
			.convertValue(node,
					JsonMapper.shared().getTypeFactory().constructMapType(Map.class, String.class, String.class))
				: Map.of();
	}

}
