package ${package};

import java.util.function.Function;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The application: each {@code Function}, {@code Consumer} or {@code Supplier} bean can be a
 * Lambda function in {@code serverless.yml}.
 */
@SpringBootApplication
public class Application {

	public static void main(String[] args) {
		SpringApplication.run(Application.class, args);
	}

	/**
	 * {@code POST /hello} with {@code {"name":"Ada"}} answers {@code {"message":"Hello, Ada!"}}.
	 * @return the function named "hello" in serverless.yml
	 */
	@Bean
	public Function<Visitor, Greeting> hello() {
		return (visitor) -> new Greeting("Hello, " + visitor.name() + "!");
	}

}
