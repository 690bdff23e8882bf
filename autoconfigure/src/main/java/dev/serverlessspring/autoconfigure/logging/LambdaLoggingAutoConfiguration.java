package dev.serverlessspring.autoconfigure.logging;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.ColdStart;
import dev.serverlessspring.lambda.logging.EventLogger;
import dev.serverlessspring.lambda.logging.LambdaMdc;
import dev.serverlessspring.lambda.logging.SensitiveFieldMasker;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Logs each invocation with its identity: the request id, function name and version,
 * X-Ray trace id and cold-start flag go into the MDC ({@link LambdaMdc}), and, when asked
 * for, incoming events are logged with sensitive values masked ({@link EventLogger}).
 * <p>
 * The log format itself is set before the application starts, by
 * {@link LambdaLoggingEnvironmentPostProcessor}.
 * <p>
 * The switches are read when the beans are created, not by conditions: Spring AOT fixes
 * conditions at build time, and these are typically switched by environment variables of
 * the function ({@code SERVERLESS_SPRING_LOGGING_EVENTS_ENABLED}, ...). A switched-off
 * listener is a null bean, which the dispatcher's listeners leave out.
 */
@AutoConfiguration
@ConditionalOnClass({ MDC.class, Context.class })
@EnableConfigurationProperties(LambdaLoggingProperties.class)
public class LambdaLoggingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ColdStart lambdaColdStart() {
		return new ColdStart();
	}

	@Bean
	@ConditionalOnMissingBean
	@Nullable LambdaMdc lambdaMdc(ColdStart coldStart, LambdaLoggingProperties properties) {
		return properties.isEnabled() ? new LambdaMdc(coldStart) : null;
	}

	@Bean
	@ConditionalOnMissingBean
	@Nullable EventLogger lambdaEventLogger(LambdaLoggingProperties properties) {
		if (!properties.getEvents().isEnabled()) {
			return null;
		}
		return new EventLogger(new SensitiveFieldMasker(properties.getEvents().getMaskedFields()));
	}

}
