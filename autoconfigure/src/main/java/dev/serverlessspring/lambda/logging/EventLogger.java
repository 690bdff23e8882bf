package dev.serverlessspring.lambda.logging;

import dev.serverlessspring.lambda.event.LambdaEvent;
import dev.serverlessspring.lambda.invoke.InvocationListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs each incoming event, with sensitive values masked by a
 * {@link SensitiveFieldMasker}, at {@code INFO} under this class's name: for debugging,
 * off unless {@code serverless.spring.logging.events.enabled=true}.
 */
public class EventLogger implements InvocationListener {

	private static final Log logger = LogFactory.getLog(EventLogger.class);

	private final SensitiveFieldMasker masker;

	public EventLogger(SensitiveFieldMasker masker) {
		this.masker = masker;
	}

	@Override
	public void invocationStarted(LambdaEvent event) {
		if (logger.isInfoEnabled()) {
			logger.info("Event: " + this.masker.mask(event.payload()));
		}
	}

}
