package dev.serverlessspring.autoconfigure.json;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Removes Spring Cloud Function's
 * {@code ContextFunctionCatalogAutoConfiguration.JsonMapperConfiguration} when none of
 * its beans is registered, as when the application has a {@code JsonMapper} of its own
 * (serverless-spring provides one).
 * <p>
 * The configuration is registered all the same, and creating it loads its class, whose
 * bytecode refers to Jackson's Joda-Time module: the JVM's verifier then needs that
 * module, which a function does not ship. Removed before any bean is created (and before
 * Spring AOT generates code), the class is never loaded.
 */
final class FunctionJsonMapperConfigurationRemover implements BeanDefinitionRegistryPostProcessor {

	static final String SPRING_CLOUD_FUNCTION_AUTO_CONFIGURATION = "org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration";

	static final String JSON_MAPPER_CONFIGURATION = SPRING_CLOUD_FUNCTION_AUTO_CONFIGURATION
			+ "$JsonMapperConfiguration";

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		List<String> configurations = new ArrayList<>();
		for (String name : registry.getBeanDefinitionNames()) {
			if (JSON_MAPPER_CONFIGURATION.equals(registry.getBeanDefinition(name).getBeanClassName())) {
				configurations.add(name);
			}
		}
		if (configurations.isEmpty()) {
			return;
		}
		for (String name : registry.getBeanDefinitionNames()) {
			BeanDefinition definition = registry.getBeanDefinition(name);
			if (configurations.contains(definition.getFactoryBeanName())) {
				// Its mapper is in use.
				return;
			}
		}
		configurations.forEach(registry::removeBeanDefinition);
	}

}
