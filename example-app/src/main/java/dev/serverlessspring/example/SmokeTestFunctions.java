package dev.serverlessspring.example;

import java.util.function.Function;

import dev.serverlessspring.lambda.LambdaContextHolder;
import dev.serverlessspring.lambda.LambdaHeaders;
import dev.serverlessspring.lambda.logging.LambdaMdc;
import org.slf4j.MDC;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * A function to check a deployment with: it answers with what it received and which
 * invocation it ran in, so a caller sees at once whether events and invocations match,
 * even with many invocations at once (Lambda Managed Instances).
 */
@Configuration(proxyBeanMethods = false)
public class SmokeTestFunctions {

	/**
	 * Echoes the event with the invocation's request id, read from the message headers,
	 * from the Lambda context bound to the thread and from the logging MDC.
	 * @return the function
	 */
	@Bean
	public Function<Message<String>, Echo> echo() {
		return (message) -> new Echo(message.getHeaders().get(LambdaHeaders.REQUEST_ID, String.class),
				LambdaContextHolder.requireContext().getAwsRequestId(), MDC.get(LambdaMdc.REQUEST_ID),
				message.getPayload());
	}

}
