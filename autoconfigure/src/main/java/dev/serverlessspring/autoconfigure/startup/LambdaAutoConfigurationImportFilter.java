package dev.serverlessspring.autoconfigure.startup;

import java.util.Set;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out the auto-configurations listed in
 * {@code serverless.spring.startup.skipped-auto-configurations}: beans a function never
 * uses cost cold-start time to define and create. A filter rather than
 * {@code spring.autoconfigure.exclude}, so that an application's own exclusions add to
 * the list instead of replacing it, and so that it also applies when Spring AOT evaluates
 * the auto-configurations at build time.
 */
public class LambdaAutoConfigurationImportFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private Set<String> skipped = Set.of();

	@Override
	public void setEnvironment(Environment environment) {
		LambdaStartupProperties properties = Binder.get(environment)
			.bindOrCreate(LambdaStartupProperties.PREFIX, LambdaStartupProperties.class);
		this.skipped = Set.copyOf(properties.getSkippedAutoConfigurations());
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			matches[i] = autoConfigurationClasses[i] == null || !this.skipped.contains(autoConfigurationClasses[i]);
		}
		return matches;
	}

}
