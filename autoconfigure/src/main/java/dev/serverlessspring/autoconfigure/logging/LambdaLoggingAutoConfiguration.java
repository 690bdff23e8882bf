package dev.serverlessspring.autoconfigure.logging;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.ColdStart;
import dev.serverlessspring.lambda.logging.EventLogger;
import dev.serverlessspring.lambda.logging.LambdaMdc;
import dev.serverlessspring.lambda.logging.SensitiveFieldMasker;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Logs each invocation with its identity: the request id, function name and version, X-Ray
 * trace id and cold-start flag go into the MDC ({@link LambdaMdc}), and, when asked for,
 * incoming events are logged with sensitive values masked ({@link EventLogger}).
 * <p>
 * The log format itself is set before the application starts, by
 * {@link LambdaLoggingEnvironmentPostProcessor}.
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
	@ConditionalOnBooleanProperty(name = LambdaLoggingProperties.PREFIX + ".enabled", matchIfMissing = true)
	LambdaMdc lambdaMdc(ColdStart coldStart) {
		return new LambdaMdc(coldStart);
	}

	// A nested class, so that while event logging is off its classes are not even loaded.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(LambdaLoggingProperties.PREFIX + ".events.enabled")
	static class EventLoggingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EventLogger lambdaEventLogger(LambdaLoggingProperties properties) {
			return new EventLogger(new SensitiveFieldMasker(properties.getEvents().getMaskedFields()));
		}

	}

}
