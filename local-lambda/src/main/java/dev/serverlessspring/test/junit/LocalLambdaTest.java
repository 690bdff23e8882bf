package dev.serverlessspring.test.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.serverlessspring.test.local.LocalLambda;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link LocalLambda} for the functions of a {@code serverless.yml} once for the
 * test class, and hands it to test methods, constructors and lifecycle methods that take
 * a {@link LocalLambda} parameter: <pre class="code">
 * &#64;LocalLambdaTest(config = "serverless.yml", mode = LocalLambda.Mode.OUT_OF_PROCESS)
 * class OrderFunctionsTests {
 *
 *     &#64;Test
 *     void quotes(LocalLambda lambda) {
 *         assertThat(lambda.invokeFixture("quote", "events/quote.json").payloadAsString()).contains("total");
 *         assertThat(lambda.post("/quotes", "{\"sku\":\"BOOK-1\"}").statusCode()).isEqualTo(200);
 *     }
 *
 * }
 * </pre> The local Lambda is stopped after the class's tests, with the local AWS services
 * (a DynamoDB for the file's tables) that it started.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalLambdaExtension.class)
public @interface LocalLambdaTest {

	/**
	 * The {@code serverless.yml}, relative to the working directory or one of its parents
	 * (so a module's tests find the build's root file), or absolute.
	 * @return the configuration file
	 */
	String config() default "serverless.yml";

	/**
	 * The stage to read the configuration for; empty for {@code provider.stage} or
	 * {@code dev}.
	 * @return the stage
	 */
	String stage() default "";

	/**
	 * How the functions run. {@link LocalLambda.Mode#IN_PROCESS}, the default, starts the
	 * application in the test's JVM; {@link LocalLambda.Mode#OUT_OF_PROCESS} runs the
	 * deployment zip under the AWS runtime interface client (run such tests after
	 * {@code package}, as {@code *IT} with failsafe).
	 * @return the mode
	 */
	LocalLambda.Mode mode() default LocalLambda.Mode.IN_PROCESS;

	/**
	 * The application class for in-process functions; by default the
	 * {@code @SpringBootConfiguration} found from the test class's package upwards, as
	 * {@code @SpringBootTest} finds it.
	 * @return the application class
	 */
	Class<?> mainClass() default void.class;

	/**
	 * Whether the AWS services that the file's {@code resources} declare run locally,
	 * their tables created and the functions pointed at them (see
	 * {@link dev.serverlessspring.test.aws.LocalAwsServices}, which test methods can also
	 * take as a parameter).
	 * @return whether to start them
	 */
	boolean awsServices() default true;

}
