package dev.serverlessspring.autoconfigure.metrics;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.autoconfigure.logging.LambdaLoggingAutoConfiguration;
import dev.serverlessspring.lambda.ColdStart;
import dev.serverlessspring.lambda.metrics.EmbeddedMetricWriter;
import dev.serverlessspring.lambda.metrics.InvocationMetrics;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Writes each invocation's metrics in CloudWatch's Embedded Metric Format
 * ({@link InvocationMetrics}), when {@code serverless.spring.metrics.enabled=true}.
 * <p>
 * The switch is read when the listener is created, not by a condition: Spring AOT fixes
 * conditions at build time, and metrics are typically switched on by an environment
 * variable of the function ({@code SERVERLESS_SPRING_METRICS_ENABLED}). While off, the
 * listener is a null bean, which the dispatcher's listeners leave out.
 */
@AutoConfiguration(after = LambdaLoggingAutoConfiguration.class)
@ConditionalOnClass(Context.class)
@EnableConfigurationProperties(LambdaMetricsProperties.class)
public class LambdaMetricsAutoConfiguration {

	private static final int MAX_NAMESPACE_LENGTH = 255;

	private static final int MAX_DIMENSIONS = 30;

	@Bean
	@ConditionalOnMissingBean
	EmbeddedMetricWriter lambdaEmbeddedMetricWriter(LambdaMetricsProperties properties) {
		return new EmbeddedMetricWriter(properties.getNamespace());
	}

	@Bean
	@ConditionalOnMissingBean
	@Nullable InvocationMetrics lambdaInvocationMetrics(EmbeddedMetricWriter writer, ObjectProvider<ColdStart> coldStart,
			LambdaMetricsProperties properties) {
		if (!properties.isEnabled()) {
			return null;
		}
		checkAcceptedByCloudWatch(properties);
		return new InvocationMetrics(writer, coldStart.getIfAvailable(ColdStart::new), properties.getDimensions());
	}

	// CloudWatch drops a document it does not accept without a word, so every metric
	// would be lost.
	private static void checkAcceptedByCloudWatch(LambdaMetricsProperties properties) {
		String namespace = properties.getNamespace();
		if (namespace == null || namespace.isBlank() || namespace.length() > MAX_NAMESPACE_LENGTH) {
			throw new IllegalStateException("serverless.spring.metrics.namespace is '" + namespace
					+ "'; CloudWatch takes 1 to " + MAX_NAMESPACE_LENGTH + " characters, not all of them blank");
		}
		if (properties.getDimensions().size() > MAX_DIMENSIONS - 1) {
			throw new IllegalStateException("serverless.spring.metrics.dimensions has "
					+ properties.getDimensions().size() + " dimensions; CloudWatch takes at most " + MAX_DIMENSIONS
					+ " per metric, FunctionName among them");
		}
	}

}
