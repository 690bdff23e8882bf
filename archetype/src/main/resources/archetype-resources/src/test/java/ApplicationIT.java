package ${package};

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

import dev.serverlessspring.test.InvocationResult;
import dev.serverlessspring.test.process.FunctionPackage;
import dev.serverlessspring.test.process.ManagedRuntimeProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

#if( $runtime == "java-runtime" )
/**
 * The java-runtime zip, run as Lambda runs the {@code hello} function of serverless.yml on
 * {@code provided.al2023}: unpacked as the task root, its {@code bootstrap} starts the Java
 * runtime it carries with the AOT cache trained at build time, and the function is invoked with
 * the event its HTTP API sends. Runs in {@code ./mvnw verify}, after {@code package} has built
 * the zip.
 */
class ApplicationIT {

	private static final FunctionPackage HELLO = FunctionPackage.find(Path.of("target"), "${artifactId}-*-java-runtime.zip")
		.functionName("hello")
		.runtime("provided.al2023")
#else
/**
 * The packaged zip, run as Lambda runs the {@code hello} function of serverless.yml: unpacked as
 * the task root and served by the AWS runtime interface client through our handler, invoked
 * with the event its HTTP API sends. Runs in {@code ./mvnw verify}, after {@code package} has
 * built the zip.
 */
class ApplicationIT {

	private static final FunctionPackage HELLO = FunctionPackage.find(Path.of("target"), "${artifactId}-*-aws.zip")
		.functionName("hello")
		.runtime("${runtime}")
		.handler("dev.serverlessspring.lambda.FunctionHandler::handleRequest")
#end
		.environment("SPRING_CLOUD_FUNCTION_DEFINITION", "hello")
		.memorySize(${memorySize})
		// Generous: a busy build machine is slower than Lambda.
		.timeout(Duration.ofSeconds(30));

	@Test
	void helloAnswersAnHttpApiRequest() throws IOException {
		try (ManagedRuntimeProcess hello = new ManagedRuntimeProcess(HELLO)) {
			InvocationResult result = hello.invoke(event("hello-http-api.json"));
			assertThat(result.isFunctionError()).as(hello.output()).isFalse();
			JsonNode response = JsonMapper.builder().build().readTree(result.payloadAsString());
			assertThat(response.path("statusCode").asInt()).isEqualTo(200);
			assertThat(response.path("body").asString()).isEqualTo("{\"message\":\"Hello, Ada!\"}");
		}
	}

	private static byte[] event(String name) throws IOException {
		try (InputStream in = ApplicationIT.class.getResourceAsStream("/events/" + name)) {
			assertThat(in).as("event " + name).isNotNull();
			return in.readAllBytes();
		}
	}

}
