package dev.serverlessspring.autoconfigure.snapstart;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SnapStart settings ({@code serverless.spring.snapstart.*}).
 */
@ConfigurationProperties(LambdaSnapStartProperties.PREFIX)
public class LambdaSnapStartProperties {

	/**
	 * The prefix of these properties.
	 */
	public static final String PREFIX = "serverless.spring.snapstart";

	/**
	 * Whether to register the SnapStart hooks (priming before the snapshot, refresh after
	 * a restore). Unset: when Lambda initializes the function for SnapStart
	 * (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start).
	 */
	private @Nullable Boolean enabled;

	private final Priming priming = new Priming();

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public Priming getPriming() {
		return this.priming;
	}

	/**
	 * Whether the hooks are on in the given environment.
	 * @param initializationType the value of AWS_LAMBDA_INITIALIZATION_TYPE, may be null
	 * @return whether to register the hooks
	 */
	public boolean isEnabledFor(String initializationType) {
		return (this.enabled != null) ? this.enabled : "snap-start".equals(initializationType);
	}

	/**
	 * The priming invocation before the snapshot.
	 */
	public static class Priming {

		/**
		 * Whether to invoke the function before the snapshot. Turn it off for a function
		 * whose every invocation has side effects it cannot tell apart (the priming
		 * context's request id is "snapstart-priming").
		 */
		private boolean enabled = true;

		/**
		 * How many times to invoke the function before the snapshot. One invocation loads
		 * the classes; many let the JIT compiler compile the invocation path as well (it
		 * compiles a method after a few hundred calls, more while its queue is long), so
		 * that the first invocation after a restore runs compiled code, as warm ones do.
		 */
		private int invocations = 1000;

		/**
		 * The event to prime with, as JSON. Unset: a synthetic event built from the
		 * function's input type (an empty object, string, array or number).
		 */
		private @Nullable String event;

		/**
		 * Where to read the event to prime with, such as classpath:priming-event.json;
		 * used when no inline event is set.
		 */
		private @Nullable String eventLocation;

		/**
		 * How long the priming may take before it is interrupted; no further invocation
		 * starts after half of it.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getInvocations() {
			return this.invocations;
		}

		public void setInvocations(int invocations) {
			this.invocations = invocations;
		}

		public @Nullable String getEvent() {
			return this.event;
		}

		public void setEvent(@Nullable String event) {
			this.event = event;
		}

		public @Nullable String getEventLocation() {
			return this.eventLocation;
		}

		public void setEventLocation(@Nullable String eventLocation) {
			this.eventLocation = eventLocation;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
