package dev.serverlessspring.autoconfigure.logging;

import java.util.ArrayList;
import java.util.List;

import dev.serverlessspring.lambda.logging.SensitiveFieldMasker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Logging of Lambda functions.
 */
@ConfigurationProperties(LambdaLoggingProperties.PREFIX)
public class LambdaLoggingProperties {

	/**
	 * The prefix of these properties.
	 */
	public static final String PREFIX = "serverless.spring.logging";

	/**
	 * Whether to set logging up for CloudWatch in Lambda (JSON or single-event text
	 * lines, level from AWS_LAMBDA_LOG_LEVEL) and to put each invocation's request id,
	 * function name and version, X-Ray trace id and cold-start flag into the MDC.
	 */
	private boolean enabled = true;

	private final Events events = new Events();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Events getEvents() {
		return this.events;
	}

	/**
	 * Logging of incoming events.
	 */
	public static class Events {

		/**
		 * Whether to log each incoming event at INFO, with sensitive values masked. For
		 * debugging: events may carry personal data.
		 */
		private boolean enabled;

		/**
		 * Names of the members whose values are masked; a member is masked when its name
		 * contains one of them, ignoring case and punctuation. By default authorization,
		 * password, passwd, secret, token, cookie, apikey, credential and signature.
		 */
		private List<String> maskedFields = new ArrayList<>(SensitiveFieldMasker.DEFAULT_NAMES);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getMaskedFields() {
			return this.maskedFields;
		}

		public void setMaskedFields(List<String> maskedFields) {
			this.maskedFields = maskedFields;
		}

	}

}
