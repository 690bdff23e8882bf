package dev.serverlessspring.test.runtime;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One event for a runtime, with what the Runtime API sends along with it in
 * {@code Lambda-Runtime-*} headers. The deadline is not part of the request: it is fixed
 * when the runtime receives the event, from the {@linkplain #timeout() timeout}.
 */
public final class InvocationRequest {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String requestId;

	private final byte[] payload;

	private final Duration timeout;

	private final String invokedFunctionArn;

	private final String traceId;

	private final @Nullable String clientContext;

	private final @Nullable String cognitoIdentity;

	private final @Nullable String tenantId;

	private InvocationRequest(Builder builder) {
		this.requestId = (builder.requestId != null) ? builder.requestId : UUID.randomUUID().toString();
		this.payload = builder.payload;
		this.timeout = builder.timeout;
		this.invokedFunctionArn = builder.invokedFunctionArn;
		this.traceId = (builder.traceId != null) ? builder.traceId : newTraceId();
		this.clientContext = builder.clientContext;
		this.cognitoIdentity = builder.cognitoIdentity;
		this.tenantId = builder.tenantId;
	}

	/**
	 * Start a request for the given event.
	 * @param payload the event's bytes
	 * @return a builder
	 */
	public static Builder builder(byte[] payload) {
		return new Builder(payload);
	}

	/**
	 * Start a request for the given event.
	 * @param payload the event as text, sent as UTF-8
	 * @return a builder
	 */
	public static Builder builder(String payload) {
		return new Builder(payload.getBytes(StandardCharsets.UTF_8));
	}

	// An X-Ray trace header as Lambda passes it: Root=1-<epoch seconds>-<96
	// bits>;Parent=...;Sampled=0
	private static String newTraceId() {
		HexFormat hex = HexFormat.of();
		byte[] root = new byte[12];
		byte[] parent = new byte[8];
		RANDOM.nextBytes(root);
		RANDOM.nextBytes(parent);
		return "Root=1-%08x-%s;Parent=%s;Sampled=0".formatted(Instant.now().getEpochSecond(), hex.formatHex(root),
				hex.formatHex(parent));
	}

	/**
	 * Return the request id ({@code Lambda-Runtime-Aws-Request-Id}).
	 * @return the request id
	 */
	public String requestId() {
		return this.requestId;
	}

	/**
	 * Return the event.
	 * @return the event's bytes
	 */
	public byte[] payload() {
		return this.payload.clone();
	}

	/**
	 * Return how long the function may take once the runtime has the event.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return the ARN the caller invoked ({@code Lambda-Runtime-Invoked-Function-Arn}).
	 * @return the ARN
	 */
	public String invokedFunctionArn() {
		return this.invokedFunctionArn;
	}

	/**
	 * Return the X-Ray trace header ({@code Lambda-Runtime-Trace-Id}).
	 * @return the trace header
	 */
	public String traceId() {
		return this.traceId;
	}

	/**
	 * Return the mobile client context as JSON ({@code Lambda-Runtime-Client-Context}).
	 * @return the client context
	 */
	public @Nullable String clientContext() {
		return this.clientContext;
	}

	/**
	 * Return the Cognito identity as JSON ({@code Lambda-Runtime-Cognito-Identity}).
	 * @return the identity
	 */
	public @Nullable String cognitoIdentity() {
		return this.cognitoIdentity;
	}

	/**
	 * Return the tenant of a function in tenant isolation mode
	 * ({@code Lambda-Runtime-Aws-Tenant-Id}).
	 * @return the tenant id
	 */
	public @Nullable String tenantId() {
		return this.tenantId;
	}

	/**
	 * Builds an {@link InvocationRequest}. Defaults: a random request id and trace id, a
	 * timeout of 3 seconds (Lambda's default) and an ARN of a function named
	 * {@code function}.
	 */
	public static final class Builder {

		private final byte[] payload;

		private @Nullable String requestId;

		private Duration timeout = Duration.ofSeconds(3);

		private String invokedFunctionArn = "arn:aws:lambda:us-east-1:012345678912:function:function";

		private @Nullable String traceId;

		private @Nullable String clientContext;

		private @Nullable String cognitoIdentity;

		private @Nullable String tenantId;

		private Builder(byte[] payload) {
			this.payload = Objects.requireNonNull(payload, "payload").clone();
		}

		public Builder requestId(String requestId) {
			this.requestId = requestId;
			return this;
		}

		public Builder timeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("The timeout must be positive, not " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		public Builder invokedFunctionArn(String invokedFunctionArn) {
			this.invokedFunctionArn = Objects.requireNonNull(invokedFunctionArn, "invokedFunctionArn");
			return this;
		}

		public Builder traceId(String traceId) {
			this.traceId = traceId;
			return this;
		}

		/**
		 * Set the client context, JSON as a mobile SDK sends it (the Invoke API receives
		 * it base64-encoded in {@code X-Amz-Client-Context}; pass the decoded JSON here).
		 * @param clientContext the JSON, or {@code null}
		 * @return this builder
		 */
		public Builder clientContext(String clientContext) {
			this.clientContext = clientContext;
			return this;
		}

		public Builder cognitoIdentity(String cognitoIdentity) {
			this.cognitoIdentity = cognitoIdentity;
			return this;
		}

		public Builder tenantId(String tenantId) {
			this.tenantId = tenantId;
			return this;
		}

		public InvocationRequest build() {
			return new InvocationRequest(this);
		}

	}

}
