package ${package};

import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.function.context.FunctionCatalog;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class ApplicationTests {

	@Autowired
	private FunctionCatalog catalog;

	@Test
	void helloGreetsTheVisitor() {
		assertThat(new Application().hello().apply(new Visitor("Ada")).message()).isEqualTo("Hello, Ada!");
	}

	@Test
	void helloIsInTheCatalogUnderTheNameServerlessYmlUses() {
		// SPRING_CLOUD_FUNCTION_DEFINITION in serverless.yml names this function.
		Function<Visitor, Greeting> hello = this.catalog.lookup("hello");
		assertThat(hello.apply(new Visitor("Ada"))).isEqualTo(new Greeting("Hello, Ada!"));
	}

}
