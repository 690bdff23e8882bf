package dev.serverlessspring.autoconfigure.json;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.jackson.JacksonComponent;
import org.springframework.boot.jackson.JacksonComponentModule;
import org.springframework.cloud.function.json.JacksonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBeanRegistrationExcludeFilterTests {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final JsonBeanRegistrationExcludeFilter filter = new JsonBeanRegistrationExcludeFilter();

	@Test
	void anEmptyJacksonComponentModuleIsLeftOut() {
		register("jsonComponentModule", JacksonComponentModule.class);
		assertThat(excluded("jsonComponentModule")).isTrue();
	}

	@Test
	void theJacksonComponentModuleStaysWhenABeanIsAJacksonComponent() {
		register("jsonComponentModule", JacksonComponentModule.class);
		register("pointSerializer", PointSerializer.class);
		assertThat(excluded("jsonComponentModule")).isFalse();
	}

	@Test
	void theRemoverIsLeftOutItsWorkIsDoneAtBuildTime() {
		register("remover", FunctionJsonMapperConfigurationRemover.class);
		assertThat(excluded("remover")).isTrue();
	}

	@Test
	void otherBeansStay() {
		register("functionJsonMapper", JacksonMapper.class);
		assertThat(excluded("functionJsonMapper")).isFalse();
	}

	private void register(String name, Class<?> type) {
		this.beanFactory.registerBeanDefinition(name, new RootBeanDefinition(type));
	}

	private boolean excluded(String name) {
		return this.filter.isExcludedFromAotProcessing(RegisteredBean.of(this.beanFactory, name));
	}

	record Point(int x, int y) {
	}

	@JacksonComponent
	static class PointSerializer extends ValueSerializer<Point> {

		@Override
		public void serialize(Point value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(value.x() + "," + value.y());
		}

	}

}
