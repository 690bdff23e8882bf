package dev.serverlessspring.autoconfigure.json;

import org.springframework.beans.factory.aot.BeanRegistrationExcludeFilter;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.boot.jackson.JacksonComponent;
import org.springframework.boot.jackson.JacksonComponentModule;

/**
 * Leaves out of Spring AOT's generated bean definitions the JSON beans whose work is done
 * at build time, so that a function started from them does not create them:
 * <ul>
 * <li>the {@link FunctionJsonMapperConfigurationRemover}: the bean definitions it would
 * remove are already left out;</li>
 * <li>Spring Boot's {@link JacksonComponentModule} when no bean is a
 * {@link JacksonComponent @JacksonComponent}: it would stay empty, and finding that out
 * means looking for the annotation on every bean's class and factory method at each cold
 * start. AOT fixes the application's beans at build time, so none can appear later.</li>
 * </ul>
 */
class JsonBeanRegistrationExcludeFilter implements BeanRegistrationExcludeFilter {

	@Override
	public boolean isExcludedFromAotProcessing(RegisteredBean registeredBean) {
		Class<?> beanClass = registeredBean.getBeanClass();
		if (beanClass == FunctionJsonMapperConfigurationRemover.class) {
			return true;
		}
		return beanClass == JacksonComponentModule.class
				&& registeredBean.getBeanFactory().getBeanNamesForAnnotation(JacksonComponent.class).length == 0;
	}

}
