package dev.serverlessspring.autoconfigure.startup;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Start-up settings of a function application ({@code serverless.spring.startup.*}).
 */
@ConfigurationProperties(LambdaStartupProperties.PREFIX)
public class LambdaStartupProperties {

	/**
	 * The prefix of these properties.
	 */
	public static final String PREFIX = "serverless.spring.startup";

	/**
	 * Auto-configurations a function does not use and that are left out to shorten the
	 * cold start: task executors and schedulers, SSL bundles, application availability,
	 * project info, and AOP's class-proxying setup. Set to an empty list to keep them
	 * all; list an auto-configuration here to leave it out too.
	 */
	private List<String> skippedAutoConfigurations = new ArrayList<>(
			List.of("org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
					"org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration",
					"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
					"org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
					"org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration",
					"org.springframework.boot.autoconfigure.aop.AopAutoConfiguration"));

	public List<String> getSkippedAutoConfigurations() {
		return this.skippedAutoConfigurations;
	}

	public void setSkippedAutoConfigurations(List<String> skippedAutoConfigurations) {
		this.skippedAutoConfigurations = skippedAutoConfigurations;
	}

}
