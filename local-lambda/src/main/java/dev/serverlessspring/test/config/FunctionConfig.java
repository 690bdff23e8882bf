package dev.serverlessspring.test.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One function of a {@code serverless.yml}, as Lambda would hold it once deployed.
 *
 * @param name the function's key in {@code functions}
 * @param deployedName the Lambda function's name, {@code <service>-<stage>-<name>}
 * @param region the region it runs in
 * @param handler the handler string
 * @param runtime the runtime identifier, such as {@code java21}
 * @param timeout the timeout
 * @param memorySize the memory size in MB
 * @param environment the provider's variables overridden by the function's own
 * @param artifact the deployment package, or {@code null} when none is configured
 * @param httpEvents the function's {@code httpApi} and {@code http} events
 * @param url the function's Function URL, or {@code null} when it has none
 */
public record FunctionConfig(String name, String deployedName, String region, String handler, String runtime,
		Duration timeout, int memorySize, Map<String, String> environment, @Nullable Path artifact,
		List<HttpEvent> httpEvents, @Nullable FunctionUrl url) {

	public FunctionConfig {
		environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
		httpEvents = List.copyOf(httpEvents);
	}

	/**
	 * Describe a function without a Function URL.
	 * @param name the function's key in {@code functions}
	 * @param deployedName the Lambda function's name
	 * @param region the region it runs in
	 * @param handler the handler string
	 * @param runtime the runtime identifier
	 * @param timeout the timeout
	 * @param memorySize the memory size in MB
	 * @param environment the environment variables
	 * @param artifact the deployment package
	 * @param httpEvents the function's HTTP events
	 */
	public FunctionConfig(String name, String deployedName, String region, String handler, String runtime,
			Duration timeout, int memorySize, Map<String, String> environment, @Nullable Path artifact,
			List<HttpEvent> httpEvents) {
		this(name, deployedName, region, handler, runtime, timeout, memorySize, environment, artifact, httpEvents,
				null);
	}

	/**
	 * Return this function with more environment variables, which win over its own.
	 * @param variables the variables to add
	 * @return the function with them
	 */
	public FunctionConfig withEnvironment(Map<String, String> variables) {
		Map<String, String> merged = new LinkedHashMap<>(this.environment);
		merged.putAll(variables);
		return new FunctionConfig(this.name, this.deployedName, this.region, this.handler, this.runtime, this.timeout,
				this.memorySize, merged, this.artifact, this.httpEvents, this.url);
	}

	/**
	 * Return the function's unqualified ARN, with the placeholder account id the Runtime
	 * Interface Emulator uses.
	 * @return the ARN
	 */
	public String arn() {
		return "arn:aws:lambda:" + this.region + ":012345678912:function:" + this.deployedName;
	}

}
