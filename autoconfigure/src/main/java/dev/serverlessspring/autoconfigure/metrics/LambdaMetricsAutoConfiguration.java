package dev.serverlessspring.autoconfigure.metrics;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.autoconfigure.logging.LambdaLoggingAutoConfiguration;
import dev.serverlessspring.lambda.ColdStart;
import dev.serverlessspring.lambda.metrics.EmbeddedMetricWriter;
import dev.serverlessspring.lambda.metrics.InvocationMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Writes each invocation's metrics in CloudWatch's Embedded Metric Format
 * ({@link InvocationMetrics}), when {@code serverless.spring.metrics.enabled=true}.
 */
@AutoConfiguration(after = LambdaLoggingAutoConfiguration.class)
@ConditionalOnClass(Context.class)
@ConditionalOnBooleanProperty(LambdaMetricsProperties.PREFIX + ".enabled")
@EnableConfigurationProperties(LambdaMetricsProperties.class)
public class LambdaMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EmbeddedMetricWriter lambdaEmbeddedMetricWriter(LambdaMetricsProperties properties) {
		return new EmbeddedMetricWriter(properties.getNamespace());
	}

	@Bean
	@ConditionalOnMissingBean
	InvocationMetrics lambdaInvocationMetrics(EmbeddedMetricWriter writer, ObjectProvider<ColdStart> coldStart,
			LambdaMetricsProperties properties) {
		return new InvocationMetrics(writer, coldStart.getIfAvailable(ColdStart::new), properties.getDimensions());
	}

}
