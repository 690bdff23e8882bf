package dev.serverlessspring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import dev.serverlessspring.lambda.LambdaHeaders;
import dev.serverlessspring.lambda.invoke.EventDispatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * A small application whose functions log, fail and read the trace header, started and
 * invoked the way the Lambda handler does it, for the observability tests.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ObservedApplication {

	/** The name of the logger the functions log with. */
	public static final String LOGGER = "observed.function";

	private static final Log logger = LogFactory.getLog(LOGGER);

	/**
	 * Start the application with the given properties.
	 * @param properties {@code name=value} pairs
	 * @return the running application
	 */
	public static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(ObservedApplication.class).properties("spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	/**
	 * Invoke the application's function as Lambda would, for a function named
	 * {@code orders} at version {@code 7}.
	 * @param context the running application
	 * @param requestId the invocation's request id
	 * @param event the event's JSON
	 * @return the response, or {@code null}
	 */
	public static String invoke(ConfigurableApplicationContext context, String requestId, String event) {
		byte[] response = context.getBean(EventDispatcher.class)
			.dispatch(event.getBytes(StandardCharsets.UTF_8), lambdaContext(requestId));
		return (response != null) ? new String(response, StandardCharsets.UTF_8) : null;
	}

	/**
	 * Return a Lambda context for a function named {@code orders} at version {@code 7}.
	 * @param requestId the request id
	 * @return the context
	 */
	public static Context lambdaContext(String requestId) {
		Context context = mock(Context.class);
		given(context.getAwsRequestId()).willReturn(requestId);
		given(context.getFunctionName()).willReturn("orders");
		given(context.getFunctionVersion()).willReturn("7");
		given(context.getInvokedFunctionArn()).willReturn("arn:aws:lambda:eu-west-1:123456789012:function:orders:7");
		return context;
	}

	/**
	 * Return the lines of the output that are JSON objects, parsed.
	 * @param output the captured output
	 * @return the parsed lines
	 */
	public static List<JsonNode> jsonLines(CharSequence output) {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.toString().split("\n")) {
			if (line.startsWith("{")) {
				lines.add(JsonMapper.shared().readTree(line));
			}
		}
		return lines;
	}

	@Bean
	Function<String, String> greet() {
		return (name) -> {
			if (name.isBlank()) {
				throw new IllegalArgumentException("Nobody to greet");
			}
			logger.info("Greeting " + name);
			return "Hello " + name;
		};
	}

	@Bean
	Function<String, String> fail() {
		return (reason) -> {
			IllegalStateException failure = new IllegalStateException("Cannot process: " + reason);
			logger.error("Processing failed\nfor a reason", failure);
			throw failure;
		};
	}

	@Bean
	Function<Message<Map<String, Object>>, String> traceHeader() {
		return (message) -> String.valueOf(message.getHeaders().get(LambdaHeaders.TRACE_HEADER));
	}

}
